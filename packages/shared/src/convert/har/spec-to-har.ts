import { finalUrl } from '../../final-url.js'
import { substitutePathParams } from '../../path-params.js'
import type { Pair, RequestSpec } from '../../request-spec.js'
import { graphqlPayload } from '../../graphql-payload.js'
import { parseQuery, splitUrl } from '../../url-params.js'
import type { HarNameValue, HarParam, HarRequest } from './har-types.js'

/** UTF-8 then Base64, without Node's Buffer (this package runs in browsers too). */
export function base64Utf8(text: string): string {
  let binary = ''
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/**
 * The URL as the engine sends it (path params filled in, WHATWG-normalised), except that a
 * URL still starting with a `{{variable}}` stays as typed, and placeholders stay readable.
 */
export function codeUrl(spec: RequestSpec): string {
  const typed = spec.url.trim()
  if (/^\{\{/.test(typed)) return substitutePathParams(typed, spec.pathParams)
  try {
    return finalUrl(typed, spec.pathParams).href.replace(
      /%7B%7B(.*?)%7D%7D/g,
      (_, name: string) => `{{${decodeURIComponent(name)}}}`,
    )
  } catch {
    return substitutePathParams(typed, spec.pathParams)
  }
}

export type HarConversion = { request: HarRequest; notes: string[] }

/**
 * A request spec as a HAR request, the way Courier's engine would send it: enabled rows only,
 * path params substituted, the Auth tab turned into its header or query parameter, the
 * cookie line as a Cookie header. Digest and OAuth 2 cannot be computed ahead; notes say so.
 */
export function specToHar(spec: RequestSpec): HarConversion {
  const notes: string[] = []
  const headers: Pair[] = spec.headers
    .filter(([name, , enabled]) => enabled && name.trim() !== '')
    .map(([name, value]): Pair => [name.trim(), value])
  const has = (name: string) => headers.some(([n]) => n.toLowerCase() === name.toLowerCase())
  let url = codeUrl(spec)
  const auth = spec.auth
  switch (auth.type) {
    case 'basic':
      if (!has('authorization'))
        headers.push(['Authorization', `Basic ${base64Utf8(`${auth.username}:${auth.password}`)}`])
      break
    case 'bearer':
      if (!has('authorization')) headers.push(['Authorization', `${auth.prefix ? `${auth.prefix} ` : ''}${auth.token}`])
      break
    case 'apikey':
      if (auth.in === 'header' && auth.name && !has(auth.name)) headers.push([auth.name, auth.value])
      if (auth.in === 'query' && auth.name)
        url += `${url.includes('?') ? '&' : '?'}${encodeURIComponent(auth.name)}=${encodeURIComponent(auth.value)}`
      break
    case 'digest':
      notes.push(
        'Digest authentication answers a challenge from the server; the code sends no credentials until you add your library’s digest support.',
      )
      break
    case 'oauth2':
      if (!has('authorization'))
        headers.push(['Authorization', `${auth.config.headerPrefix || 'Bearer'} {{oauth2_access_token}}`])
      notes.push('OAuth 2: the token is fetched by Courier; the code uses the placeholder {{oauth2_access_token}}.')
      break
    default:
      break
  }
  if (spec.cookies.trim()) {
    const index = headers.findIndex(([n]) => n.toLowerCase() === 'cookie')
    if (index === -1) headers.push(['Cookie', spec.cookies.trim()])
    else headers[index] = ['Cookie', `${headers[index]![1]}; ${spec.cookies.trim()}`]
  }
  const cookies: HarNameValue[] = headers
    .filter(([n]) => n.toLowerCase() === 'cookie')
    .flatMap(([, value]) =>
      value
        .split(';')
        .map((c) => c.trim())
        .filter(Boolean),
    )
    .map((c) => ({ name: c.split('=')[0]!, value: c.slice(c.indexOf('=') + 1) }))
  const queryString = parseQuery(splitUrl(url).query ?? '').map(([name, value]) => ({ name, value }))

  const explicitType = headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1]
  let postData: HarRequest['postData']
  const body = spec.body
  switch (body.kind) {
    case 'json':
      postData = { mimeType: explicitType ?? 'application/json', text: body.text }
      break
    case 'raw':
      postData = { mimeType: explicitType ?? body.contentType, text: body.text }
      break
    case 'form': {
      const params = body.fields.filter(([n, , e]) => e && n !== '').map(([name, value]) => ({ name, value }))
      postData = {
        mimeType: 'application/x-www-form-urlencoded',
        params,
        text: params.map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(p.value)}`).join('&'),
      }
      break
    }
    case 'multipart': {
      const params: HarParam[] = body.parts
        .filter((p) => p.enabled)
        .map((p) => {
          if (p.kind === 'text')
            return {
              name: p.name,
              value: p.value,
              ...(p.filename ? { fileName: p.filename } : {}),
              ...(p.contentType ? { contentType: p.contentType } : {}),
            }
          const fileName = p.filename ?? p.file?.filename ?? 'file'
          return {
            name: p.name,
            fileName,
            contentType: p.contentType ?? p.file?.contentType ?? 'application/octet-stream',
          }
        })
      postData = { mimeType: 'multipart/form-data', params }
      break
    }
    case 'binary':
      postData = {
        mimeType: explicitType ?? body.contentType ?? body.file?.contentType ?? 'application/octet-stream',
        text: '',
      }
      notes.push(
        `The binary body is the file ${body.file ? `“${body.file.filename}”` : 'you choose'}; the code reads it from disk.`,
      )
      break
    case 'graphql': {
      const { payload } = graphqlPayload(body)
      postData = { mimeType: 'application/json', text: JSON.stringify(payload) }
      break
    }
    default:
      break
  }
  if (postData && body.kind !== 'multipart' && !has('content-type') && body.kind !== 'binary')
    headers.push(['Content-Type', postData.mimeType])
  return {
    request: {
      method: spec.method,
      url,
      httpVersion: 'HTTP/1.1',
      cookies,
      headers: headers.map(([name, value]) => ({ name, value })),
      queryString,
      ...(postData ? { postData } : {}),
      headersSize: -1,
      bodySize: -1,
    },
    notes,
  }
}
