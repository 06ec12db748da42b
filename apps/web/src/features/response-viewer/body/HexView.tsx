import { hexDump, type BodyDescriptor } from '@courier/shared'
import { useEffect, useState } from 'react'
import { fetchBody } from '../../../shared/api/fetch-body'
import { formatBytes } from '../../../shared/format/format'
import './hex-view.css'

const FIRST = 4096
const MOST = 64 * 1024

/** Reads only the first `limit` bytes of the body: the stream is cancelled once they arrived. */
async function readHead(url: string, limit: number, signal: AbortSignal): Promise<Uint8Array> {
  const response = await fetchBody(url, { signal })
  if (!response.body) throw new Error(`The body could not be loaded (${response.status}).`)
  const reader = response.body.getReader()
  const out = new Uint8Array(limit)
  let length = 0
  while (length < limit) {
    const { done, value } = await reader.read()
    if (done) break
    const take = Math.min(value.length, limit - length)
    out.set(value.subarray(0, take), length)
    length += take
  }
  await reader.cancel().catch(() => {})
  return out.subarray(0, length)
}

/** Binary bodies, never mangled: the first bytes as offset, hex and ASCII. */
export function HexView({ body }: { body: BodyDescriptor }) {
  const [limit, setLimit] = useState(FIRST)
  const [bytes, setBytes] = useState<Uint8Array | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    const controller = new AbortController()
    readHead(body.url, limit, controller.signal).then(setBytes, (failure: Error) => {
      if (!controller.signal.aborted) setError(failure.message)
    })
    return () => controller.abort()
  }, [body.url, limit])

  if (error) return <p className="inline-warning">{error}</p>
  if (!bytes) return <p className="empty-note">Reading the first bytes…</p>
  const lines = hexDump(bytes)
  return (
    <div className="hex-view">
      <p className="hex-view__caption">
        {bytes.length < body.size
          ? `The first ${formatBytes(bytes.length)} of ${formatBytes(body.size)}`
          : `All ${formatBytes(body.size)}, byte for byte`}
        {bytes.length < body.size && limit < MOST ? (
          <button type="button" className="link-button" onClick={() => setLimit(MOST)}>
            Show the first {formatBytes(MOST)}
          </button>
        ) : null}
      </p>
      <pre className="hex-view__dump" aria-label="Hex dump" tabIndex={0}>
        {lines.map((line) => (
          <div key={line.offset}>
            <span className="hex-view__offset">{line.offset}</span>
            {'  '}
            <span className="hex-view__hex">{line.hex}</span>
            {'  '}
            <span className="hex-view__ascii">{line.ascii}</span>
          </div>
        ))}
      </pre>
    </div>
  )
}
