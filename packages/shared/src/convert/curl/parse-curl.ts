import type { Auth, MultipartPart, RequestBody, RequestSettings, RequestSpec, Row } from '../../request-spec.js'
import { RequestSpecSchema } from '../../request-spec.js'
import { parseQuery, splitUrl } from '../../url-params.js'
import { ConvertError } from '../import-result.js'
import { curlEscape, dataUrlencodePiece, fromStdin, joinPieces, textBody, type DataPiece } from './curl-body.js'
import { readCurlCommand } from './curl-command.js'
import { OUTPUT_ONLY } from './curl-options.js'
import { formPart } from './curl-form-part.js'

export type CurlProblem = { what: string; reason: string }
export type ParsedCurl = { spec: RequestSpec; problems: CurlProblem[] }

export { looksLikeCurl } from '../import-export-api.js'

function splitHeader(text: string): [string, string] {
  const colon = text.indexOf(':')
  if (colon === -1) return [text.replace(/;$/, '').trim(), '']
  return [text.slice(0, colon).trim(), text.slice(colon + 1).trim()]
}

/**
 * curl options Courier has its own request type for elsewhere or not yet; the one place the
 * AWS SigV4 auth type (being added) switches on.
 */
const UPLOAD_NOTE = 'choose the file in the Body tab (Courier never reads a path named in a pasted command).'

/**
 * A cURL command as a request spec that sends what curl sends: the method as written, the URL
 * and its query as typed (`--url-query`, `-G`), headers (`-H`, `-A`, `-e`, `--range`), every
 * body flag joined and encoded as curl does (a form table only where Courier's encoding gives
 * the same bytes, otherwise the text as it is), files and standard input as bodies to choose,
 * -u/--digest/--oauth2-bearer as auth, -b cookies, -k, -L, timeouts. `$VAR` is `{{VAR}}`.
 * Every option that is not carried, or that changes nothing on the wire, is named in `problems`.
 */
export function parseCurl(command: string): ParsedCurl {
  const { args, stdin, redirects } = readCurlCommand(command)
  const problems: CurlProblem[] = []
  let method: string | undefined
  let url = ''
  const headers: Row[] = []
  const pieces: DataPiece[] = []
  const urlQuery: string[] = []
  const parts: MultipartPart[] = []
  let json = false
  let get = false
  let head = false
  let upload: string | undefined
  let user: string | undefined
  let digest = false
  let bearer: string | undefined
  let sigv4: string | undefined
  const cookies: string[] = []
  const settings: RequestSettings = {}
  const ignored: string[] = []

  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!
    if (arg.kind === 'word') {
      if (!url) url = arg.text
      else
        problems.push({
          what: `extra URL ${arg.text}`,
          reason: 'cURL would fetch it too; Courier imports the first URL only.',
        })
      continue
    }
    if (arg.kind === 'unknown') {
      problems.push({ what: `option ${arg.written}`, reason: 'cURL 7.88 has no such option; it was left out.' })
      continue
    }
    const { option, value, negated } = arg
    const shown = `option ${arg.written}${option.takesValue ? ` ${value}` : ''}`
    switch (option.long) {
      case 'request':
        method = value
        break
      case 'url':
        if (!url) url = value
        else
          problems.push({
            what: `extra URL ${value}`,
            reason: 'cURL would fetch it too; Courier imports the first URL only.',
          })
        break
      case 'header': {
        if (value.startsWith('@')) {
          problems.push({
            what: `headers file ${value.slice(1)}`,
            reason: 'Headers read from a file are not imported; add them in the Headers tab.',
          })
          break
        }
        const colon = value.indexOf(':')
        const [name, headerValue] = splitHeader(value)
        if (!name) break
        // `Name:` removes a header curl would send; `Name;` sends it empty.
        if (colon !== -1 && headerValue === '') headers.push([name, '', false])
        else headers.push([name, headerValue, true])
        break
      }
      case 'data':
      case 'data-ascii':
      case 'data-binary':
        if (value.startsWith('@'))
          pieces.push({ kind: 'file', path: value.slice(1), json: false, stripNewlines: option.long !== 'data-binary' })
        else pieces.push({ kind: 'text', text: value, json: false })
        break
      case 'data-raw':
        pieces.push({ kind: 'text', text: value, json: false })
        break
      case 'data-urlencode':
        pieces.push(dataUrlencodePiece(value))
        break
      case 'json':
        json = true
        if (value.startsWith('@')) pieces.push({ kind: 'file', path: value.slice(1), json: true, stripNewlines: false })
        else pieces.push({ kind: 'text', text: value, json: true })
        break
      case 'url-query':
        urlQuery.push(value)
        break
      case 'form':
      case 'form-string':
        parts.push(formPart(value, option.long === 'form-string', problems))
        break
      case 'upload-file':
        upload = value
        break
      case 'range':
        headers.push(['Range', `bytes=${/^\d+$/.test(value) ? `${value}-` : value}`, true])
        break
      case 'user':
        user = value
        break
      case 'digest':
        digest = !negated
        break
      case 'basic':
      case 'compressed':
        break // Courier's defaults: Basic for -u, and it always asks for a compressed answer
      case 'oauth2-bearer':
        bearer = value
        break
      case 'aws-sigv4':
        sigv4 = value
        break
      case 'cookie':
        if (value.includes('=')) cookies.push(value)
        else
          problems.push({
            what: `cookie file ${value}`,
            reason: 'Cookies read from a file are not imported; Courier keeps its own cookie jar.',
          })
        break
      case 'user-agent':
        headers.push(['User-Agent', value, true])
        break
      case 'referer':
        headers.push(['Referer', value.replace(/;auto$/, ''), true])
        break
      case 'insecure':
        settings.verifyTls = negated
        break
      case 'location':
        settings.followRedirects = !negated
        break
      case 'max-redirs':
        settings.maxRedirects = Math.max(0, Math.min(50, Number(value) || 0))
        break
      case 'max-time':
        if (Number(value) > 0) settings.timeoutMs = Math.min(300_000, Math.round(Number(value) * 1000))
        break
      case 'connect-timeout':
        if (Number(value) > 0) settings.connectTimeoutMs = Math.min(120_000, Math.round(Number(value) * 1000))
        break
      case 'retry':
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
      case 'get':
        get = true
        break
      case 'head':
        head = !negated
        break
      case 'next':
        problems.push({
          what: 'option --next',
          reason: 'What follows --next is a second request; Courier imports the first one only.',
        })
        index = args.length
        break
      default:
        if (OUTPUT_ONLY.has(option.long)) ignored.push(arg.written)
        else
          problems.push({
            what: shown,
            reason:
              'It changes how cURL connects (proxies, certificates, TLS, name resolution, other protocols); Courier has no per-request equivalent, so it was left out.',
          })
    }
  }
  if (!url) throw new ConvertError('IMPORT_INVALID', 'The cURL command has no URL.')
  if (ignored.length)
    problems.push({
      what: `option${ignored.length > 1 ? 's' : ''} ${ignored.join(' ')}`,
      reason: 'They change only what cURL prints or saves (or how it paces the transfer), not what is sent; ignored.',
    })
  for (const redirect of redirects)
    problems.push({ what: `output redirect ${redirect}`, reason: 'Where the shell saves cURL’s output; ignored.' })

  const resolved = pieces.map((p) => fromStdin(p, stdin))
  const files = resolved.filter((p): p is Extract<DataPiece, { kind: 'file' }> => p.kind === 'file')
  const typeIndex = headers.findIndex(([name, , on]) => on && name.toLowerCase() === 'content-type')
  const contentType = typeIndex === -1 ? undefined : headers[typeIndex]![1]
  const dropTypeRow = () => {
    if (typeIndex !== -1) headers.splice(typeIndex, 1)
  }
  let body: RequestBody = { kind: 'none' }
  const query: string[] = []
  if (get) {
    if (files.length)
      problems.push({
        what: `query from file ${files.map((f) => f.path).join(', ')}`,
        reason: 'With -G the data goes into the URL; add what the file holds to the Params tab.',
      })
    const text = joinPieces(resolved.filter((p) => p.kind === 'text'))
    if (resolved.length) query.push(text)
  } else if (upload !== undefined) {
    if (resolved.length || parts.length)
      problems.push({
        what: 'body data',
        reason: 'cURL sends the -T file and leaves -d/-F data out; so does the import.',
      })
    const source = upload === '-' || upload === '.' ? stdin : ({ kind: 'file', path: upload } as const)
    if (source.kind === 'text') body = { kind: 'raw', text: source.text, contentType: contentType ?? 'text/plain' }
    else {
      body = { kind: 'binary', file: null, ...(contentType ? { contentType } : {}) }
      const named = source.kind === 'file' ? source.path : 'standard input'
      problems.push({ what: `upload file ${named}`, reason: `The body is the file ${named}; ${UPLOAD_NOTE}` })
    }
    dropTypeRow()
    // curl names the target after the file when the URL has no file name of its own.
    const file = upload.split(/[\\/]/).pop()!
    if (upload !== '-' && upload !== '.') {
      const at = /^([a-z][a-z0-9+.-]*:\/\/)?[^/?#]*(\/[^?#]*)?/i.exec(url)!
      if (!at[2]) url = `${at[0]}/${encodeURIComponent(file)}${url.slice(at[0].length)}`
      else if (at[2].endsWith('/')) url = `${at[0]}${encodeURIComponent(file)}${url.slice(at[0].length)}`
    }
  } else if (parts.length) {
    body = { kind: 'multipart', parts }
    if (contentType && /^multipart\/form-data\s*$/i.test(contentType)) dropTypeRow() // curl adds the boundary; Courier does too
    if (resolved.length)
      problems.push({ what: 'body data', reason: 'cURL refuses -d together with -F; the -F parts were imported.' })
  } else if (files.length) {
    const type = contentType ?? (json ? 'application/json' : 'application/x-www-form-urlencoded')
    body = { kind: 'binary', file: null, contentType: type }
    dropTypeRow()
    const names = files.map((f) => (f.path === '-' ? 'standard input' : f.path)).join(', ')
    const text = resolved.some((p) => p.kind === 'text')
    problems.push({
      what: `body file ${names}`,
      reason: `The body is read from ${names}${files.some((f) => f.stripNewlines) ? ' (cURL’s -d drops its line breaks)' : ''}${text ? ', joined with the other -d text' : ''}; ${UPLOAD_NOTE}`,
    })
  } else if (resolved.length) {
    const built = textBody(joinPieces(resolved), contentType, json)
    body = built.body
    if (!built.keepTypeRow) dropTypeRow()
  }
  if (json && !get && !headers.some(([n]) => n.toLowerCase() === 'accept'))
    headers.push(['Accept', 'application/json', true])
  if (json && !get && body.kind === 'binary' && !body.contentType) body.contentType = 'application/json'

  for (const item of urlQuery) {
    if (item.startsWith('+')) query.push(item.slice(1))
    else {
      const at = /[=@]/.exec(item)
      if (at?.[0] === '@') {
        problems.push({
          what: `query from file ${item.slice(at.index + 1)}`,
          reason: 'The query part is read from a file; add it in the Params tab.',
        })
        continue
      }
      const name = at ? item.slice(0, at.index) : ''
      const content = at ? item.slice(at.index + 1) : item
      query.push(`${name ? `${name}=` : ''}${curlEscape(content).replace(/%20/g, '+')}`)
    }
  }
  if (query.length) {
    const hashAt = url.indexOf('#')
    const base = hashAt === -1 ? url : url.slice(0, hashAt)
    // curl 7.88 appends through its URL API, which writes every %XX of the added part in lower case.
    const joined = query.join('&').replace(/%[0-9A-F]{2}/gi, (escape) => escape.toLowerCase())
    url = `${base}${base.includes('?') ? (/[?&]$/.test(base) ? '' : '&') : '?'}${joined}`
  }

  let auth: Auth = { type: 'none' }
  if (sigv4 !== undefined) auth = awsSigV4Auth(sigv4, user, url, headers, problems)
  else if (user !== undefined) {
    const colon = user.indexOf(':')
    const username = colon === -1 ? user : user.slice(0, colon)
    const password = colon === -1 ? '' : user.slice(colon + 1)
    if (colon === -1)
      problems.push({ what: `password for ${username}`, reason: 'cURL would ask for it; enter it in the Auth tab.' })
    auth = digest ? { type: 'digest', username, password } : { type: 'basic', username, password }
  } else if (bearer !== undefined) auth = { type: 'bearer', token: bearer, prefix: 'Bearer' }

  const finalMethod =
    method ??
    (head ? 'HEAD' : upload !== undefined && !get ? 'PUT' : get ? 'GET' : body.kind !== 'none' ? 'POST' : 'GET')
  const { query: urlQueryText } = splitUrl(url)
  const params: Row[] = parseQuery(urlQueryText ?? '').map(([n, v]): Row => [n, v, true])
  const spec = RequestSpecSchema.parse({
    method: finalMethod,
    url,
    params,
    headers,
    body,
    auth,
    settings: { followRedirects: false, ...settings },
    cookies: cookies.join('; '),
  })
  return { spec, problems }
}

/**
 * `--aws-sigv4 provider1[:provider2[:region[:service]]]` with `-u KEY:SECRET`, as curl reads it:
 * a missing region and service come from the host (`service.region.amazonaws.com`), and an
 * `x-amz-security-token` header row becomes the session token (a secret, not a header row).
 */
function awsSigV4Auth(
  value: string,
  user: string | undefined,
  url: string,
  headers: Row[],
  problems: CurlProblem[],
): Auth {
  const [provider1 = '', , region, service] = value.split(':')
  if (provider1.toLowerCase() !== 'aws')
    problems.push({
      what: `option --aws-sigv4 ${value}`,
      reason: `Courier signs for AWS only; provider "${provider1}" uses its own header names, so the request was imported with AWS's.`,
    })
  const colon = user?.indexOf(':') ?? -1
  const accessKey = user === undefined ? '' : colon === -1 ? user : user.slice(0, colon)
  const secretKey = user === undefined || colon === -1 ? '' : user.slice(colon + 1)
  if (!secretKey)
    problems.push({
      what: 'AWS secret key',
      reason: 'The command has no -u KEY:SECRET; enter the keys in the Auth tab.',
    })
  let labels: string[] = []
  try {
    labels = new URL(url).hostname.split('.')
  } catch {
    /* a URL with variables: the region and service stay at their defaults unless given */
  }
  const tokenAt = headers.findIndex(([name]) => name.toLowerCase() === 'x-amz-security-token')
  const sessionToken = tokenAt === -1 ? '' : headers[tokenAt]![1]
  if (tokenAt !== -1) headers.splice(tokenAt, 1)
  return {
    type: 'awsv4',
    config: {
      accessKey,
      secretKey,
      sessionToken,
      region: region || labels[1] || 'us-east-1',
      service: service || labels[0] || 'execute-api',
    },
  }
}
