import type { Auth, MultipartPart, RequestBody, RequestSettings, RequestSpec, Row } from '../../request-spec.js'
import { RequestSpecSchema } from '../../request-spec.js'
import { decodeQueryPart, parseQuery, splitUrl, urlWithParams } from '../../url-params.js'
import { ConvertError } from '../import-result.js'
import { COSMETIC, WITH_VALUE, expandShort } from './curl-flags.js'
import { formPart } from './curl-form-part.js'
import { shellWords } from './shell-words.js'

export type CurlProblem = { what: string; reason: string }
export type ParsedCurl = { spec: RequestSpec; problems: CurlProblem[] }

export { looksLikeCurl } from '../import-export-api.js'

function splitHeader(text: string): [string, string] {
  const colon = text.indexOf(':')
  if (colon === -1) return [text.replace(/;$/, '').trim(), '']
  return [text.slice(0, colon).trim(), text.slice(colon + 1).trim()]
}

/**
 * A cURL command as a request spec: method, URL and params, headers, every body flag,
 * -u/--digest/--oauth2-bearer as auth, -b cookies, -k, -L, timeouts. What it cannot carry
 * (files read from disk, proxies, client certificates) is listed in `problems`.
 */
export function parseCurl(command: string): ParsedCurl {
  const words = expandShort(shellWords(command.trim()))
  if (!/^curl(\.exe)?$/i.test(words[0] ?? ''))
    throw new ConvertError('IMPORT_INVALID', 'A cURL command starts with “curl”.')
  const problems: CurlProblem[] = []
  let method: string | undefined
  let url = ''
  const headers: Row[] = []
  const data: string[] = []
  const urlencoded: string[] = []
  const parts: MultipartPart[] = []
  let json = false
  let get = false
  let head = false
  let user: string | undefined
  let digest = false
  let bearer: string | undefined
  const cookies: string[] = []
  const settings: RequestSettings = {}

  for (let i = 1; i < words.length; i++) {
    const word = words[i]!
    const takesValue =
      WITH_VALUE.has(word) || (word.startsWith('--') && WITH_VALUE.has(word.split('=')[0]!) && word.includes('='))
    let value = ''
    let flag = word
    if (takesValue) {
      if (word.startsWith('--') && word.includes('=')) {
        flag = word.slice(0, word.indexOf('='))
        value = word.slice(word.indexOf('=') + 1)
      } else value = words[++i] ?? ''
    }
    switch (flag) {
      case '-X':
      case '--request':
        method = value.toUpperCase()
        break
      case '--url':
        url = value
        break
      case '-H':
      case '--header': {
        if (value.startsWith('@')) {
          problems.push({
            what: `headers file ${value}`,
            reason: 'Headers read from a file are not imported; add them in the Headers tab.',
          })
          break
        }
        const [name, headerValue] = splitHeader(value)
        if (name) headers.push([name, headerValue, true])
        break
      }
      case '-d':
      case '--data':
      case '--data-ascii':
      case '--data-binary':
      case '--data-raw':
        if (flag !== '--data-raw' && value.startsWith('@'))
          problems.push({
            what: `body file ${value.slice(1)}`,
            reason: 'The body is read from a file on disk; paste its content in the Body tab.',
          })
        else data.push(value)
        break
      case '--data-urlencode':
        urlencoded.push(value)
        break
      case '--json':
        json = true
        data.push(value)
        break
      case '-F':
      case '--form':
      case '--form-string':
        parts.push(formPart(value, flag === '--form-string', problems))
        break
      case '-u':
      case '--user':
        user = value
        break
      case '--digest':
        digest = true
        break
      case '--basic':
        break
      case '--oauth2-bearer':
        bearer = value
        break
      case '-b':
      case '--cookie':
        if (value.includes('=')) cookies.push(value)
        else
          problems.push({
            what: `cookie file ${value}`,
            reason: 'Cookies read from a file are not imported; Courier keeps its own cookie jar.',
          })
        break
      case '-A':
      case '--user-agent':
        headers.push(['User-Agent', value, true])
        break
      case '-e':
      case '--referer':
        headers.push(['Referer', value, true])
        break
      case '-k':
      case '--insecure':
        settings.verifyTls = false
        break
      case '-L':
      case '--location':
        settings.followRedirects = true
        break
      case '--max-redirs':
        settings.maxRedirects = Math.max(0, Math.min(50, Number(value) || 0))
        break
      case '-m':
      case '--max-time':
        if (Number(value) > 0) settings.timeoutMs = Math.min(300_000, Math.round(Number(value) * 1000))
        break
      case '--connect-timeout':
        if (Number(value) > 0) settings.connectTimeoutMs = Math.min(120_000, Math.round(Number(value) * 1000))
        break
      case '--retry':
        if (Number(value) > 0)
          settings.retry = {
            attempts: Math.min(10, Number(value) + 1),
            backoffMs: 1000,
            maxBackoffMs: 30_000,
            onStatuses: [408, 429, 500, 502, 503, 504],
            onNetworkErrors: true,
            respectRetryAfter: true,
          }
        break
      case '-G':
      case '--get':
        get = true
        break
      case '-I':
      case '--head':
        head = true
        break
      default:
        if (COSMETIC.has(flag)) break
        if (takesValue)
          problems.push({
            what: `option ${flag} ${value}`.trim(),
            reason: 'Courier has no equivalent (proxies, client certificates, output files); it was left out.',
          })
        else if (flag.startsWith('-') && flag !== '-')
          problems.push({ what: `option ${flag}`, reason: 'Courier does not know this cURL option; it was left out.' })
        else if (!url) url = flag
        else
          problems.push({
            what: `extra URL ${flag}`,
            reason: 'cURL would fetch it too; Courier imports the first URL only.',
          })
    }
  }
  if (!url) throw new ConvertError('IMPORT_INVALID', 'The cURL command has no URL.')

  const contentTypeIndex = headers.findIndex(([name]) => name.toLowerCase() === 'content-type')
  const contentType = contentTypeIndex === -1 ? undefined : headers[contentTypeIndex]![1]
  let body: RequestBody = { kind: 'none' }
  const bodyText = [...data, ...urlencoded.map(encodeDataUrlencode)].join('&')
  if (get) {
    if (bodyText) url = `${url}${url.includes('?') ? '&' : '?'}${bodyText}`
  } else if (parts.length) {
    body = { kind: 'multipart', parts }
    if (contentType && /^multipart\/form-data\s*$/i.test(contentType)) headers.splice(contentTypeIndex, 1) // curl adds the boundary; Courier does too
  } else if (data.length || urlencoded.length) {
    if (json || (contentType && /json/i.test(contentType))) {
      body = { kind: 'json', text: data.join('') }
      if (contentType && /^application\/json\s*$/i.test(contentType)) headers.splice(contentTypeIndex, 1)
      if (json && !headers.some(([n]) => n.toLowerCase() === 'accept'))
        headers.push(['Accept', 'application/json', true])
    } else if ((!contentType || /x-www-form-urlencoded/i.test(contentType)) && isFormText(bodyText)) {
      body = { kind: 'form', fields: parseQuery(bodyText.replace(/\+/g, '%20')).map(([n, v]): Row => [n, v, true]) }
      if (contentType) headers.splice(contentTypeIndex, 1)
    } else {
      body = { kind: 'raw', text: bodyText, contentType: contentType ?? 'application/x-www-form-urlencoded' }
      if (contentType) headers.splice(contentTypeIndex, 1)
    }
  }

  let auth: Auth = { type: 'none' }
  if (user !== undefined) {
    const colon = user.indexOf(':')
    const username = colon === -1 ? user : user.slice(0, colon)
    const password = colon === -1 ? '' : user.slice(colon + 1)
    auth = digest ? { type: 'digest', username, password } : { type: 'basic', username, password }
  } else if (bearer !== undefined) auth = { type: 'bearer', token: bearer, prefix: 'Bearer' }

  const finalMethod = method ?? (head ? 'HEAD' : get ? 'GET' : body.kind !== 'none' ? 'POST' : 'GET')
  const { query } = splitUrl(url)
  const params: Row[] = parseQuery(query ?? '').map(([n, v]): Row => [n, v, true])
  const spec = RequestSpecSchema.parse({
    method: finalMethod,
    url: params.length ? urlWithParams(url, params) : url,
    params,
    headers,
    body,
    auth,
    settings,
    cookies: cookies.join('; '),
  })
  return { spec, problems }
}

/** `--data-urlencode` forms: `content`, `=content`, `name=content`, `@file`, `name@file`. */
function encodeDataUrlencode(value: string): string {
  const eq = value.indexOf('=')
  if (eq === -1) return encodeURIComponent(value)
  const name = value.slice(0, eq)
  return `${name ? `${name}=` : ''}${encodeURIComponent(value.slice(eq + 1))}`
}

function isFormText(text: string): boolean {
  // name=value pairs whose names are plain words; anything else (JSON, XML) stays raw text.
  return text
    .split('&')
    .every((piece) => /^[^=\s{}[\]"<]+(=[^\n]*)?$/.test(piece) && decodeQueryPart(piece) !== undefined)
}
