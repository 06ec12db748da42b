import type { Example } from '@courier/shared'

/**
 * Headers of a saved example a mock does not repeat: hop-by-hop ones, the length (set from the body
 * served), an encoding the saved (decoded) body no longer has, CORS (the mock's own settings answer
 * it), and what would reach past the mock's origin: cookies and Clear-Site-Data ignore the port,
 * so on 127.0.0.1 they would touch Courier's own origin.
 */
const DROPPED = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'content-length',
  'content-encoding',
  'set-cookie',
  'clear-site-data',
  'strict-transport-security',
  'alt-svc',
])

const VALID_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
const VALID_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/

/** The example's headers as the mock writes them (names lower-case, repeated names kept in order). */
export function exampleHeaders(example: Example): Map<string, string[]> {
  const headers = new Map<string, string[]>()
  for (const [name, value] of example.headers) {
    const lower = name.trim().toLowerCase()
    if (!VALID_NAME.test(lower) || !VALID_VALUE.test(value)) continue
    if (DROPPED.has(lower) || lower.startsWith('access-control-')) continue
    headers.set(lower, [...(headers.get(lower) ?? []), value])
  }
  if (!headers.has('content-type')) headers.set('content-type', [contentTypeOf(example.body)])
  return headers
}

function contentTypeOf(body: string): string {
  const text = body.trim()
  if (text.startsWith('{') || text.startsWith('[')) {
    try {
      JSON.parse(text)
      return 'application/json; charset=utf-8'
    } catch {
      /* not JSON */
    }
  }
  return 'text/plain; charset=utf-8'
}

/** A status a final answer can carry: a 1xx cannot end an exchange. */
export function finalStatus(status: number): number {
  return status < 200 ? 200 : status
}

/** Statuses whose answer has no body (RFC 9110). */
export const bodiless = (status: number, method: string) =>
  method === 'HEAD' || status === 204 || status === 304 || (status >= 100 && status < 200)
