import { decodeImportBytes } from '@courier/shared/convert/decode-text'

/** Hosts the corpus's collections were written against, all answered by the local echo server. */
const ECHO_HOSTS =
  /(https?:\/\/)?([^/@"\s]*@)?(postman-echo\.com|httpbin\.org|localhost:404[12]|api\.sandbox\.transferwise\.tech)/g
/** A scheme in front of a variable that holds the host (`https://{{host}}/post`): plain HTTP here. */
const SCHEME_BEFORE_VARIABLE = /https:\/\/(?=\{\{)/g
const HOST_PARTS = new Set(['postman-echo.com', 'httpbin.org', 'localhost', 'api.sandbox.transferwise.tech'])

/**
 * One corpus file with every URL to postman-echo.com (and newman's local echo ports, Wise's sandbox)
 * pointed at `base` (`127.0.0.1:port`): in URL text, scripts and values, and in v2's URL objects
 * (`host: ["postman-echo", "com"]`). The same rewrite for both runners; nothing else changes, and
 * the file keeps its encoding (a UTF-8 or UTF-16 LE byte order mark).
 */
export function localize(bytes: Buffer, base: string): Buffer {
  const text = decodeImportBytes(bytes)
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string')
      return value
        .replace(
          ECHO_HOSTS,
          (_all, scheme: string | undefined, user = '') => `${scheme ? 'http://' : ''}${user}${base}`,
        )
        .replace(SCHEME_BEFORE_VARIABLE, 'http://')
    if (Array.isArray(value)) return value.map(walk)
    if (value === null || typeof value !== 'object') return value
    const record = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]))
    if (Array.isArray(record.host) && HOST_PARTS.has(record.host.join('.').replace(/\.com$/, '.com'))) {
      const [host, port] = base.split(':')
      return { ...record, protocol: 'http', host: host!.split('.'), port }
    }
    return record
  }
  let out: string
  try {
    out = JSON.stringify(walk(JSON.parse(text)), null, 2)
  } catch {
    out = text.replace(ECHO_HOSTS, (_all, _scheme, user = '') => `http://${user}${base}`)
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return Buffer.from(`\ufeff${out}`, 'utf16le')
  if (bytes[0] === 0xef && bytes[1] === 0xbb) return Buffer.from(`\ufeff${out}`, 'utf8')
  return Buffer.from(out, 'utf8')
}
