import type { HistoryEntry } from '../../history.js'
import { parseQuery, splitUrl } from '../../url-params.js'
import type { ExportFile } from '../export-file.js'

const ms = (value: number | undefined) => (value === undefined ? -1 : Math.round(value * 1000) / 1000)

/**
 * History entries as HAR 1.2, what browsers' dev tools and proxies read. Headers and URLs are
 * the ones recorded (secrets already masked by history); `bodies` holds response texts the
 * server could read back from the body store, else the inline preview is used.
 */
export function exportHar(
  entries: readonly HistoryEntry[],
  options: { version: string; bodies?: ReadonlyMap<string, string> },
): ExportFile {
  const notes: string[] = []
  let failed = 0
  const har = {
    log: {
      version: '1.2',
      creator: { name: 'Courier', version: options.version },
      entries: entries.map((entry) => {
        const r = entry.response
        const sent = r.request
        const cookieHeader = sent.headers.find(([n]) => n.toLowerCase() === 'cookie')?.[1] ?? ''
        const requestType = sent.headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1]
        const responseType =
          r.body?.contentType ?? r.headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? ''
        const text = options.bodies?.get(entry.id) ?? r.body?.inline ?? undefined
        if (r.status === null) failed++
        const t = r.timing
        return {
          startedDateTime: r.startedAt,
          time: ms(t.total),
          request: {
            method: sent.method,
            url: sent.url,
            httpVersion: r.httpVersion ? `HTTP/${r.httpVersion}` : 'HTTP/1.1',
            cookies: cookieHeader
              .split(';')
              .map((c) => c.trim())
              .filter(Boolean)
              .map((c) => ({ name: c.split('=')[0]!, value: c.slice(c.indexOf('=') + 1) })),
            headers: sent.headers.map(([name, value]) => ({ name, value })),
            queryString: parseQuery(splitUrl(sent.url).query ?? '').map(([name, value]) => ({ name, value })),
            ...(sent.bodySize > 0
              ? { postData: { mimeType: requestType ?? 'application/octet-stream', text: sent.bodyPreview ?? '' } }
              : {}),
            headersSize: -1,
            bodySize: sent.bodySize,
          },
          response: {
            status: r.status ?? 0,
            statusText: r.error ? `${r.error.code}: ${r.error.message}` : r.statusText,
            httpVersion: r.httpVersion ? `HTTP/${r.httpVersion}` : 'HTTP/1.1',
            cookies: r.cookies.map((c) => ({
              name: c.name,
              value: c.value,
              ...(c.path ? { path: c.path } : {}),
              ...(c.domain ? { domain: c.domain } : {}),
              httpOnly: c.httpOnly,
              secure: c.secure,
            })),
            headers: r.headers.map(([name, value]) => ({ name, value })),
            content: { size: r.sizes.body, mimeType: responseType, ...(text !== undefined ? { text } : {}) },
            redirectURL: r.headers.find(([n]) => n.toLowerCase() === 'location')?.[1] ?? '',
            headersSize: r.sizes.headers || -1,
            bodySize: r.sizes.bodyWire,
          },
          cache: {},
          timings: {
            blocked: -1,
            dns: ms(t.dns),
            connect: ms(t.connect),
            ssl: ms(t.tls),
            send: 0,
            wait: ms(t.firstByte),
            receive: ms(t.download),
          },
          ...(sent.remoteAddress ? { serverIPAddress: sent.remoteAddress } : {}),
          comment: entry.id,
        }
      }),
    },
  }
  if (failed)
    notes.push(
      `${failed} entr${failed > 1 ? 'ies' : 'y'} failed before a response; HAR records them with status 0 and the error as status text.`,
    )
  const binary = entries.filter((e) => e.response.body && !e.response.body.isText).length
  if (binary)
    notes.push(
      `${binary} binary response bod${binary > 1 ? 'ies are' : 'y is'} not included (download them from history).`,
    )
  return {
    filename: 'courier-history.har',
    mediaType: 'application/json',
    text: `${JSON.stringify(har, null, 2)}\n`,
    notes,
  }
}
