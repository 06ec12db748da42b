import type { MultipartPart, RequestBody, Row } from '../../request-spec.js'
import { parseQuery, splitUrl, urlWithParams } from '../../url-params.js'
import type { ImportBuilder } from '../import-builder.js'
import { arr, isRecord, str } from '../parse-document.js'

export function isHar(doc: unknown): boolean {
  return isRecord(doc) && isRecord(doc.log) && Array.isArray(doc.log.entries)
}

// Courier sets these itself (framing, HTTP/2 pseudo-headers), as browsers did when they were captured.
const OWNED = new Set([
  'content-length',
  'host',
  'connection',
  'transfer-encoding',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
  'proxy-connection',
])

function body(postData: unknown, where: string, builder: ImportBuilder): RequestBody {
  if (!isRecord(postData)) return { kind: 'none' }
  const mime = str(postData.mimeType)
  const text = str(postData.text)
  const params = arr(postData.params).filter(isRecord)
  if (/multipart\/form-data/i.test(mime)) {
    const parts: MultipartPart[] = params.map((p): MultipartPart => {
      const contentType = p.contentType ? { contentType: str(p.contentType) } : {}
      // A file part whose content the capture kept (`value`) is sent as that text under its file name.
      if (p.fileName !== undefined && p.value !== undefined)
        return {
          kind: 'text',
          name: str(p.name),
          value: str(p.value),
          enabled: true,
          headers: [],
          filename: str(p.fileName),
          ...contentType,
        }
      if (p.fileName !== undefined) {
        builder.skip(
          where,
          `file part “${str(p.name)}”`,
          `The captured file “${str(p.fileName)}” is not in the HAR; choose it again in the Body tab.`,
        )
        return { kind: 'file', name: str(p.name), enabled: true, file: null, headers: [], ...contentType }
      }
      return { kind: 'text', name: str(p.name), value: str(p.value), enabled: true, headers: [], ...contentType }
    })
    if (parts.length === 0 && text) return { kind: 'raw', text, contentType: mime }
    return { kind: 'multipart', parts }
  }
  if (/x-www-form-urlencoded/i.test(mime)) {
    const fields: Row[] = params.length
      ? params.map((p): Row => [str(p.name), str(p.value), true])
      : parseQuery(text.replace(/\+/g, '%20')).map(([n, v]): Row => [n, v, true])
    return { kind: 'form', fields }
  }
  if (/json/i.test(mime)) return { kind: 'json', text }
  if (!text && !mime) return { kind: 'none' }
  return { kind: 'raw', text, contentType: mime || 'text/plain' }
}

/** HAR 1.2 (a browser's or a proxy's capture): one request per entry, in capture order. */
export function importHar(doc: unknown, builder: ImportBuilder, name = 'HAR import'): void {
  const log = isRecord(doc) && isRecord(doc.log) ? doc.log : {}
  const tree = builder.collection(name, { auth: { type: 'none' } })
  let dropped = 0
  let responses = 0
  for (const [index, entry] of arr(log.entries).entries()) {
    if (!isRecord(entry) || !isRecord(entry.request)) {
      builder.skip(`${tree.name} › #${index + 1}`, 'entry', 'It has no request object; nothing was imported for it.')
      continue
    }
    const req = entry.request
    const url = str(req.url).trim()
    const method = str(req.method, 'GET').toUpperCase()
    if (!url) {
      builder.skip(
        `${tree.name} › #${index + 1} ${method}`,
        'request without a URL',
        'A HAR request needs a URL; this entry was left out.',
      )
      continue
    }
    let title = `${method} ${url}`
    try {
      const parsed = new URL(url)
      title = `${method} ${parsed.host}${parsed.pathname}`
    } catch {
      /* keep the raw text */
    }
    const where = `${tree.name} › #${index + 1} ${title}`
    const requestBody = body(req.postData, where, builder)
    const headers: Row[] = []
    for (const h of arr(req.headers).filter(isRecord)) {
      const hName = str(h.name)
      if (hName.startsWith(':') || OWNED.has(hName.toLowerCase())) {
        dropped++
        continue
      }
      // Courier writes the multipart boundary itself; a captured Content-Type names another one (or none).
      if (
        requestBody.kind === 'multipart' &&
        hName.toLowerCase() === 'content-type' &&
        /multipart\//i.test(str(h.value))
      ) {
        builder.skip(
          where,
          `header ${hName}: ${str(h.value)}`,
          'Courier sets multipart/form-data with the boundary of the body it writes.',
        )
        continue
      }
      headers.push([hName, str(h.value), true])
    }
    // The browser's Cookie line: HAR lists it as `cookies` (and usually as a header too).
    const cookies = arr(req.cookies)
      .filter(isRecord)
      .map((c) => `${str(c.name)}=${str(c.value)}`)
    if (cookies.length && !headers.some(([n]) => n.toLowerCase() === 'cookie'))
      headers.push(['Cookie', cookies.join('; '), true])
    if (isRecord(entry.response)) responses++
    // `queryString` is what was sent; the URL usually holds it too. Pairs the URL lacks are added to it.
    const inUrl: Row[] = parseQuery(splitUrl(url).query ?? '').map(([n, v]): Row => [n, v, true])
    const unmatched = [...inUrl]
    const extra: Row[] = []
    for (const q of arr(req.queryString).filter(isRecord)) {
      const at = unmatched.findIndex(([n, v]) => n === str(q.name) && v === str(q.value))
      if (at === -1) extra.push([str(q.name), str(q.value), true])
      else unmatched.splice(at, 1)
    }
    const params = [...inUrl, ...extra]
    builder.request(
      tree,
      null,
      title,
      { method, url: extra.length ? urlWithParams(url, params) : url, params, headers, body: requestBody },
      where,
    )
  }
  if (dropped)
    builder.skip(
      tree.name,
      `${dropped} framing header${dropped > 1 ? 's' : ''}`,
      'Host, Content-Length, Connection and HTTP/2 pseudo-headers (:authority…) are set by Courier when sending.',
    )
  if (responses)
    builder.skip(
      tree.name,
      `${responses} captured response${responses > 1 ? 's' : ''}`,
      'Collections keep requests; send them again to see fresh responses in history.',
    )
}
