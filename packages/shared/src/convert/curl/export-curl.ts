import type { RequestSpec } from '../../request-spec.js'
import { specToHar } from '../har/spec-to-har.js'
import { shellQuote } from './shell-words.js'

export type GeneratedCode = { code: string; notes: string[] }

/** A `-F` argument: quoted value when it holds curl's separators, `--form-string` when it must be literal. */
function formArgument(
  name: string,
  value: string,
  filename: string | undefined,
  contentType: string | undefined,
): [string, string] {
  const attrs = `${filename !== undefined ? `;filename=${filename}` : ''}${contentType ? `;type=${contentType}` : ''}`
  if (!attrs) return /[;"]|^[@<]/.test(value) ? ['--form-string', `${name}=${value}`] : ['-F', `${name}=${value}`]
  return ['-F', `${name}="${value.replace(/[\\"]/g, (c) => `\\${c}`)}"${attrs}`]
}

/**
 * A request as a cURL command that sends what Courier sends: the method only when curl would
 * not pick it, the Auth tab as -u/--digest/--aws-sigv4 or its header, the cookie line as -b, every body
 * kind, and the request's redirect, TLS and timeout settings. Courier's own generator:
 * httpsnippet's curl reads text-as-file parts from disk and sets a boundary-less Content-Type.
 */
export function generateCurl(spec: RequestSpec): GeneratedCode {
  const { request, notes } = specToHar({
    ...spec,
    auth: ['basic', 'digest', 'awsv4'].includes(spec.auth.type) ? { type: 'none' } : spec.auth,
    cookies: '',
  })
  const args: [string, string?][] = []
  const body = spec.body
  const hasBody = body.kind !== 'none'
  if (spec.method === 'HEAD') args.push(['--head'])
  else if (!(spec.method === 'GET' && !hasBody) && !(spec.method === 'POST' && hasBody)) args.push(['-X', spec.method])
  args.push([request.url])
  for (const h of request.headers) args.push(['-H', `${h.name}: ${h.value}`])
  if (spec.auth.type === 'basic' || spec.auth.type === 'digest') {
    if (spec.auth.type === 'digest') args.push(['--digest'])
    args.push(['-u', `${spec.auth.username}:${spec.auth.password}`])
  }
  if (spec.auth.type === 'awsv4') {
    // curl signs each run itself, with its own timestamp: the one target where a signature can be copied.
    const { accessKey, secretKey, sessionToken, region, service } = spec.auth.config
    args.push(['--aws-sigv4', `aws:amz:${region}:${service}`], ['-u', `${accessKey}:${secretKey}`])
    if (sessionToken) args.push(['-H', `x-amz-security-token: ${sessionToken}`])
  }
  if (spec.cookies.trim()) args.push(['-b', spec.cookies.trim()])
  switch (body.kind) {
    case 'json':
    case 'raw':
    case 'graphql':
      args.push(['--data-raw', request.postData?.text ?? ''])
      break
    case 'form':
      for (const [name, value, enabled] of body.fields)
        if (enabled && name !== '') args.push(['--data-urlencode', `${name}=${value}`])
      break
    case 'multipart':
      for (const part of body.parts) {
        if (!part.enabled) continue
        if (part.headers.length)
          notes.push(`cURL cannot set headers on a form part; “${part.name}” is sent without its part headers.`)
        if (part.kind === 'text') {
          const [flag, value] = formArgument(part.name, part.value, part.filename, part.contentType)
          args.push([flag, value])
        } else {
          const file = part.file?.filename ?? 'file'
          const attrs = `${part.filename && part.filename !== file ? `;filename=${part.filename}` : ''}${part.contentType || part.file?.contentType ? `;type=${part.contentType ?? part.file?.contentType}` : ''}`
          args.push(['-F', `${part.name}=@${file}${attrs}`])
        }
      }
      break
    case 'binary':
      if (!request.headers.some((h) => h.name.toLowerCase() === 'content-type'))
        args.push(['-H', `Content-Type: ${request.postData?.mimeType ?? 'application/octet-stream'}`])
      args.push(['--data-binary', `@${body.file?.filename ?? 'file'}`])
      break
    default:
      break
  }
  const s = spec.settings
  if (s.followRedirects !== false) args.push(['-L'])
  if (s.maxRedirects !== undefined) args.push(['--max-redirs', String(s.maxRedirects)])
  if (s.verifyTls === false) args.push(['-k'])
  if (s.connectTimeoutMs) args.push(['--connect-timeout', String(s.connectTimeoutMs / 1000)])
  if (s.timeoutMs) args.push(['-m', String(s.timeoutMs / 1000)])
  if (s.retry && s.retry.attempts > 1) args.push(['--retry', String(s.retry.attempts - 1)])
  const lines = args.map(([flag, value]) =>
    value === undefined ? (flag.startsWith('-') ? flag : shellQuote(flag)) : `${flag} ${shellQuote(value)}`,
  )
  return { code: `curl ${lines.join(' \\\n  ')}`, notes }
}
