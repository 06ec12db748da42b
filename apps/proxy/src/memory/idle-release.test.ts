import { describe, expect, it } from 'vitest'
import { fullCollection, IdleRelease } from './idle-release.js'

/** A clock the test moves by hand, and timers that fire when it passes them: nothing waits. */
function manualTimers() {
  let time = 0
  const pending = new Set<{ run: () => void; at: number }>()
  const clock = {
    timers: {
      set: (run: () => void, ms: number) => {
        const timer = { run, at: time + ms }
        pending.add(timer)
        return timer
      },
      clear: (timer: unknown) => void pending.delete(timer as { run: () => void; at: number }),
      now: () => time,
    },
    /** Moves the clock on by `ms`, firing each timer it passes. */
    advance(ms: number) {
      const until = time + ms
      for (;;) {
        const next = [...pending].filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0]
        if (!next) break
        pending.delete(next)
        time = next.at
        next.run()
      }
      time = until
    },
    get count() {
      return pending.size
    },
  }
  return clock
}

describe('giving memory back when the server falls quiet', () => {
  it('collects once after a burst, when the quiet spell ends it, and not again until new requests', () => {
    const clock = manualTimers()
    let collections = 0
    const release = new IdleRelease(() => collections++, 10_000, clock.timers)
    for (let i = 0; i < 100; i++) {
      release.touch()
      clock.advance(100)
    }
    // A hundred requests over 10 s: one timer waits, not a hundred, and it has not collected:
    // the last request came 100 ms ago.
    expect(clock.count).toBe(1)
    expect(collections).toBe(0)
    clock.advance(9_899)
    expect(collections).toBe(0)
    clock.advance(1)
    expect(collections).toBe(1)
    clock.advance(60_000)
    expect(collections).toBe(1)
    expect(clock.count).toBe(0)
    release.touch()
    clock.advance(10_000)
    expect(collections).toBe(2)
  })

  it('stops waiting when the server closes', () => {
    const clock = manualTimers()
    let collections = 0
    const release = new IdleRelease(() => collections++, 10_000, clock.timers)
    release.touch()
    release.stop()
    expect(clock.count).toBe(0)
    clock.advance(20_000)
    expect(collections).toBe(0)
  })

  it('a full collection really frees what is no longer referenced', async () => {
    const collect = fullCollection()
    // Made and referenced only inside this function: nothing holds it once it returns.
    const ref = ((garbage: number[][]) => new WeakRef(garbage))(
      Array.from({ length: 200 }, () => Array.from({ length: 5000 }, (_, i) => i)),
    )
    // A WeakRef keeps its target for the rest of the job that made it: collect in a later one.
    await new Promise((resolve) => setImmediate(resolve))
    collect()
    expect(ref.deref()).toBeUndefined()
  })
})
