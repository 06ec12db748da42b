import { STANDARD_METHODS } from '../../http-rules.js'
import type { MultipartPart, RequestSpec } from '../../request-spec.js'
import { graphqlPayload } from '../../graphql-payload.js'
import { parseQuery, splitUrl } from '../../url-params.js'
import type { GeneratedCode } from '../curl/export-curl.js'
import { codeUrl } from '../har/spec-to-har.js'
import { pyPairs, pyStr, pyValue } from './python-literal.js'

type Flavour = 'requests' | 'httpx'

const STANDARD = new Set<string>(STANDARD_METHODS)

function urlParts(spec: RequestSpec): { url: string; params: [string, string][] } {
  const text = codeUrl(spec)
  const { base, query, hash } = splitUrl(text)
  // params= when every piece is name=value; a piece requests cannot write back (`?a&`, `?flag`)
  // keeps the whole query in the URL as typed.
  const pieces = query === null || query === '' ? [] : query.split('&')
  if (pieces.some((p) => p.indexOf('=') <= 0)) return { url: text, params: [] }
  return { url: base + hash, params: parseQuery(pieces.join('&').replace(/\+/g, '%20')) }
}

/** What Python's json.dumps writes (`, ` and `: ` separators, non-ASCII as \\uXXXX). */
function pythonJsonDumps(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`
  if (value !== null && typeof value === 'object')
    return `{${Object.entries(value)
      .map(([k, v]) => `${pythonJsonDumps(k)}: ${pythonJsonDumps(v)}`)
      .join(', ')}}`
  if (typeof value === 'string')
    return JSON.stringify(value).replace(
      /[\u007f-\uffff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    )
  return JSON.stringify(value)
}

/** A text body argument: bytes as UTF-8 (requests would send a str as Latin-1). */
function textArg(flavour: Flavour, text: string): string {
  return `${flavour === 'httpx' ? 'content' : 'data'}=payload${/[^ -~\t\n\r]/.test(text) ? '.encode("utf-8")' : ''}`
}

function filePart(part: MultipartPart): string {
  // requests/httpx file tuples: (filename, content, content_type[, headers]).
  const headers = part.headers.length ? `, ${pyValue(Object.fromEntries(part.headers))}` : ''
  const type = part.contentType ?? (part.kind === 'file' ? part.file?.contentType : undefined)
  if (part.kind === 'text') {
    const name = part.filename === undefined ? 'None' : pyStr(part.filename)
    return `(${name}, ${pyStr(part.value)}${type || headers ? `, ${type ? pyStr(type) : 'None'}` : ''}${headers})`
  }
  // The file the person chose, else the one the request names.
  const file = part.file?.filename ?? part.filename ?? part.name
  return `(${pyStr(part.filename ?? file)}, open(${pyStr(file)}, "rb"), ${pyStr(type ?? 'application/octet-stream')}${headers})`
}

/**
 * Python code in the seeds' style: `params=`, `headers=`, `json=` / `data=` / `files=`,
 * `auth=`, `cookies=`, `timeout=` — Courier's own generator, since httpsnippet's requests
 * output turns files into strings and has no httpx target. httpx differs only where its API
 * does: `content=` for raw bodies, `follow_redirects=`, `httpx.DigestAuth`.
 */
export function generatePython(spec: RequestSpec, flavour: Flavour): GeneratedCode {
  const notes: string[] = []
  const lib = flavour
  const imports = [`import ${lib}`]
  const lines: string[] = []
  const args: string[] = []
  const { url, params } = urlParts(spec)
  lines.push(`url = ${pyStr(url)}`)

  const headers: [string, string][] = spec.headers
    .filter(([n, , e]) => e && n.trim() !== '')
    .map(([n, v]) => [n.trim(), v])
  const hasHeader = (name: string) => headers.some(([n]) => n.toLowerCase() === name.toLowerCase())
  const auth = spec.auth
  let authArg: string | null = null
  switch (auth.type) {
    case 'basic':
      authArg = `(${pyStr(auth.username)}, ${pyStr(auth.password)})`
      break
    case 'digest':
      if (flavour === 'requests') imports.push('from requests.auth import HTTPDigestAuth')
      authArg = `${flavour === 'requests' ? 'HTTPDigestAuth' : 'httpx.DigestAuth'}(${pyStr(auth.username)}, ${pyStr(auth.password)})`
      break
    case 'bearer':
      if (!hasHeader('authorization'))
        headers.push(['Authorization', `${auth.prefix ? `${auth.prefix} ` : ''}${auth.token}`])
      break
    case 'apikey':
      if (auth.in === 'header' && auth.name && !hasHeader(auth.name)) headers.push([auth.name, auth.value])
      if (auth.in === 'query' && auth.name) params.push([auth.name, auth.value])
      break
    case 'oauth2':
      if (!hasHeader('authorization'))
        headers.push(['Authorization', `${auth.config.headerPrefix || 'Bearer'} {{oauth2_access_token}}`])
      notes.push('OAuth 2: Courier fetches the token; the code has the placeholder {{oauth2_access_token}}.')
      break
    default:
      break
  }

  if (params.length) {
    lines.push(`params = ${pyPairs(params)}`)
    args.push('params=params')
  }

  const body = spec.body
  const bodyLines: string[] = []
  const bodyArgs: string[] = []
  const setType = (type: string) => {
    if (!hasHeader('content-type')) headers.push(['Content-Type', type])
  }
  switch (body.kind) {
    case 'json': {
      let parsed: unknown
      let valid = true
      try {
        parsed = JSON.parse(body.text)
      } catch {
        valid = false
      }
      // json= re-serialises; it is used only when that gives the very bytes Courier sends.
      if (valid && pythonJsonDumps(parsed) === body.text) {
        bodyLines.push(`payload = ${pyValue(parsed)}`)
        bodyArgs.push('json=payload')
      } else {
        setType('application/json')
        bodyLines.push(`payload = ${pyStr(body.text)}`)
        bodyArgs.push(textArg(flavour, body.text))
        if (!valid && body.text.trim())
          notes.push('The JSON body is not valid JSON (it may hold a {{variable}}); it is sent as text.')
      }
      break
    }
    case 'raw':
      setType(body.contentType || 'text/plain')
      bodyLines.push(`payload = ${pyStr(body.text)}`)
      bodyArgs.push(textArg(flavour, body.text))
      break
    case 'graphql': {
      const { payload } = graphqlPayload(body)
      bodyLines.push(`payload = ${pyValue(payload)}`)
      bodyArgs.push('json=payload')
      break
    }
    case 'form': {
      const fields = body.fields.filter(([n, , e]) => e && n !== '').map(([n, v]): [string, string] => [n, v])
      bodyLines.push(`data = ${pyPairs(fields)}`)
      bodyArgs.push('data=data')
      break
    }
    case 'multipart': {
      const parts = body.parts.filter((p) => p.enabled)
      const plain = (p: MultipartPart) =>
        p.kind === 'text' && p.filename === undefined && !p.contentType && p.headers.length === 0
      const firstFile = parts.findIndex((p) => !plain(p))
      // data= then files= is the seeds' idiom; it keeps the order only when every plain field comes first.
      // With no file at all, data= would send a urlencoded form: the fields go as files= (None, value).
      const inOrder = firstFile !== -1 && parts.slice(firstFile).every((p) => !plain(p))
      const fields = inOrder ? parts.filter(plain) : []
      const files = inOrder ? parts.filter((p) => !plain(p)) : parts
      if (fields.length) {
        bodyLines.push(`data = ${pyPairs(fields.map((p) => [p.name, p.kind === 'text' ? p.value : '']))}`)
        bodyArgs.push('data=data')
      }
      if (files.length) {
        const unique = new Set(files.map((p) => p.name)).size === files.length
        const entries = files.map((p) =>
          unique
            ? `    ${pyStr(p.name)}: ${plain(p) ? `(None, ${pyStr((p as { value: string }).value)})` : filePart(p)},`
            : `    (${pyStr(p.name)}, ${plain(p) ? `(None, ${pyStr((p as { value: string }).value)})` : filePart(p)}),`,
        )
        bodyLines.push(`files = ${unique ? '{' : '['}\n${entries.join('\n')}\n${unique ? '}' : ']'}`)
        bodyArgs.push('files=files')
      }
      if (files.some((p) => p.kind === 'file'))
        notes.push('File parts are read from the working directory; put the files there or change the paths.')
      break
    }
    case 'binary':
      setType(body.contentType ?? body.file?.contentType ?? 'application/octet-stream')
      bodyLines.push(
        `payload = open(${pyStr(body.file?.filename ?? 'file')}, "rb")${flavour === 'httpx' ? '.read()' : ''}`,
      )
      bodyArgs.push(`${flavour === 'httpx' ? 'content' : 'data'}=payload`)
      notes.push('The binary body is read from the working directory.')
      break
    default:
      break
  }

  const cookieText = spec.cookies.trim()
  const pieces = cookieText
    .split(';')
    .map((c) => c.trim())
    .filter(Boolean)
  // cookies= rewrites a line whose pieces are not all plain name=value (`a=b; c`); then it goes as the header.
  const cookieHeader = headers.findIndex(([n]) => n.toLowerCase() === 'cookie')
  const asHeader = cookieHeader !== -1 || pieces.some((c) => !/^[^=\s;,"\\]+=[^;,"\\\s]*$/.test(c))
  if (cookieText && asHeader) {
    if (cookieHeader === -1) headers.push(['Cookie', cookieText])
    else headers[cookieHeader] = ['Cookie', `${headers[cookieHeader]![1]}; ${cookieText}`]
  }
  if (headers.length) {
    lines.push(`headers = ${pyPairs(headers)}`)
    args.push('headers=headers')
  }
  lines.push(...bodyLines)
  args.push(...bodyArgs)
  if (cookieText && !asHeader) {
    const cookies = pieces.map((c): [string, string] => [c.split('=')[0]!.trim(), c.slice(c.indexOf('=') + 1)])
    lines.push(`cookies = ${pyPairs(cookies)}`)
    args.push('cookies=cookies')
  }
  if (authArg) args.push(`auth=${authArg}`)
  const s = spec.settings
  if (flavour === 'httpx' ? s.followRedirects !== false : s.followRedirects === false || spec.method === 'HEAD')
    args.push(
      `${flavour === 'httpx' ? 'follow_redirects' : 'allow_redirects'}=${s.followRedirects === false ? 'False' : 'True'}`,
    )
  if (s.verifyTls === false) {
    if (flavour === 'requests') args.push('verify=False')
    else notes.push('httpx sets verify on the client: use httpx.Client(verify=False).')
  }
  args.push(`timeout=${(s.timeoutMs ?? 60_000) / 1000}`)
  if (s.retry && s.retry.attempts > 1)
    notes.push('Retries are not in the code; requests and httpx retry through an adapter or transport.')

  const method = spec.method.toUpperCase()
  const call = STANDARD.has(method) ? `${lib}.${method.toLowerCase()}(url` : `${lib}.request(${pyStr(spec.method)}, url`
  const argList = (head: string, list: string[]) =>
    list.length > 2 ? `${head},\n    ${list.join(',\n    ')},\n)` : `${head}${list.map((a) => `, ${a}`).join('')})`
  const sending: string[] = []
  if (flavour === 'requests' && spec.method !== method) {
    // requests upper-cases every method; a prepared request keeps it as written (`-X wHat` is sent as wHat).
    const late = /^(timeout|verify|allow_redirects)=/
    lines.push(
      '',
      'session = requests.Session()',
      `request = session.prepare_request(${argList(
        'requests.Request(' + pyStr(spec.method) + ', url',
        args.filter((a) => !late.test(a)),
      )})`,
      `request.method = ${pyStr(spec.method)}`,
    )
    sending.push(
      `response = ${argList(
        'session.send(request',
        args.filter((a) => late.test(a)),
      )}`,
    )
  } else sending.push(`response = ${argList(call, args)}`)
  const code = [
    imports.join('\n'),
    '',
    ...lines,
    '',
    ...sending,
    '',
    'print(response.status_code)',
    'print(response.text)',
    '',
  ].join('\n')
  return { code, notes }
}
