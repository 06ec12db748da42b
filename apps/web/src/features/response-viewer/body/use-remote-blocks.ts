import { useCallback, useEffect, useRef, useState } from 'react'

const BLOCK = 200

/**
 * Rows that live in the worker, fetched a block at a time as the virtual list needs them.
 * `resetKey` changes whenever the rows change (a filter, an expand), dropping the cache.
 */
export function useRemoteBlocks<T>(fetchBlock: (from: number, to: number) => Promise<T[]>, resetKey: unknown) {
  const cache = useRef(new Map<number, T[]>())
  const inFlight = useRef(new Set<number>())
  const generation = useRef(0)
  const [, setTick] = useState(0)
  const latestFetch = useRef(fetchBlock)
  latestFetch.current = fetchBlock

  useEffect(() => {
    generation.current++
    cache.current = new Map()
    inFlight.current = new Set()
    setTick((tick) => tick + 1)
  }, [resetKey])

  /** Makes sure rows [from, to) are loaded or on their way. */
  const want = useCallback((from: number, to: number) => {
    const gen = generation.current
    for (let block = Math.floor(from / BLOCK); block * BLOCK < to; block++) {
      if (cache.current.has(block) || inFlight.current.has(block)) continue
      inFlight.current.add(block)
      latestFetch
        .current(block * BLOCK, (block + 1) * BLOCK)
        .then((rows) => {
          if (gen !== generation.current) return
          cache.current.set(block, rows)
          inFlight.current.delete(block)
          setTick((tick) => tick + 1)
        })
        .catch(() => inFlight.current.delete(block))
    }
  }, [])

  const get = useCallback(
    (index: number): T | undefined => cache.current.get(Math.floor(index / BLOCK))?.[index % BLOCK],
    [],
  )

  return { want, get }
}
