import {
  isSecretHeader,
  mapAuthSecrets,
  SECRET_PARAMS,
  splitUrl,
  type RequestSpec,
  type ResponseRecord,
  type SentRequest,
} from '@courier/shared'
import { authSecretNames, type ExtraSecrets } from './redact.js'

/**
 * Field names whose values in a response body are credentials: what a login or token endpoint
 * answers. Narrower than SECRET_PARAMS, whose `code` or `key` name ordinary fields of answers.
 */
const ISSUED_SECRET_FIELDS = [
  'access_token',
  'refresh_token',
  'id_token',
  'token',
  'client_secret',
  'password',
  'secret',
  'api_key',
  'apikey',
  'session',
]
const ISSUED_SECRET_JSON = new RegExp(`"(?:${ISSUED_SECRET_FIELDS.join('|')})"\\s*:\\s*"((?:[^"\\\\]|\\\\.)*)"`, 'gi')

/** Credentials a response body hands out (a login answer's tokens), as JSON string fields. */
export function issuedSecrets(text: string): string[] {
  return [...text.matchAll(ISSUED_SECRET_JSON)].flatMap(([, raw]) => {
    try {
      return [JSON.parse(`"${raw}"`) as string]
    } catch {
      return [raw!]
    }
  })
}

/** Query or form pairs whose names are secrets: their decoded values. */
function secretPairValues(text: string, extra: ExtraSecrets): string[] {
  return [...new URLSearchParams(text)]
    .filter(([name]) => SECRET_PARAMS.has(name.toLowerCase()) || extra.params.has(name.toLowerCase()))
    .map(([, value]) => value)
}

/** A secret header's value and the credential inside it: `Bearer x` → x; `Basic b64` → b64, user:password and the password; each cookie; the signature of an AWS or OAuth 1.0 Authorization. */
function headerSecretValues(name: string, value: string): string[] {
  const lower = name.toLowerCase()
  if (lower === 'cookie') return [value, ...value.split(';').map((pair) => pair.slice(pair.indexOf('=') + 1).trim())]
  const signature =
    /^AWS4-HMAC-SHA256 .*Signature=([0-9a-f]+)/.exec(value)?.[1] ??
    /^OAuth .*oauth_signature="([^"]+)"/.exec(value)?.[1]
  if (signature) return [value, signature, decodeURIComponentSafe(signature)]
  const credential = /^\S+\s+(\S+)$/.exec(value.trim())?.[1]
  if (!credential) return [value]
  const decoded = /^basic$/i.test(value.trim().split(/\s/)[0]!)
    ? Buffer.from(credential, 'base64').toString('utf8')
    : undefined
  return [value, credential, ...(decoded ? [decoded, decoded.slice(decoded.indexOf(':') + 1)] : [])]
}

function sentSecrets(sent: SentRequest, extra: ExtraSecrets): string[] {
  const values = sent.headers.flatMap(([name, value]) =>
    isSecretHeader(name) || extra.headers.has(name.toLowerCase()) ? headerSecretValues(name, value) : [],
  )
  const { query } = splitUrl(sent.url)
  if (query !== null) values.push(...secretPairValues(query, extra))
  // user:password@ in the URL
  const userinfo = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^@/?#]*)@/.exec(sent.url)?.[1]
  if (userinfo)
    values.push(
      userinfo,
      ...userinfo
        .split(':')
        .slice(1)
        .map((part) => decodeURIComponentSafe(part)),
    )
  const isForm = sent.headers.some(
    ([name, value]) => name.toLowerCase() === 'content-type' && value.includes('x-www-form-urlencoded'),
  )
  if (isForm && sent.bodyPreview) values.push(...secretPairValues(sent.bodyPreview, extra))
  return values
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/**
 * Every secret value one send carried or received, so history and its search text can mask it
 * wherever it reappears (an echo endpoint, a login answer, an error message): the auth fields as
 * sent (after variables and OAuth), Basic credentials with their base64, the values of every
 * header, query parameter and form field history masks, secret-named multipart text parts,
 * cookies both ways, and secret variables.
 */
export function knownSecrets(sent: RequestSpec, record: ResponseRecord, variableSecrets: readonly string[]): string[] {
  const values: string[] = [...variableSecrets]
  mapAuthSecrets(sent.auth, (value) => {
    values.push(value)
    return value
  })
  if (sent.auth.type === 'basic' || sent.auth.type === 'digest') {
    const pair = `${sent.auth.username}:${sent.auth.password}`
    values.push(pair, Buffer.from(pair).toString('base64'))
  }
  const extra = authSecretNames(sent.auth)
  for (const request of [record.request, ...record.hops.map((hop) => hop.request)])
    values.push(...sentSecrets(request, extra))
  if (sent.body.kind === 'form')
    values.push(...sent.body.fields.filter(([name]) => SECRET_PARAMS.has(name.toLowerCase())).map(([, value]) => value))
  if (sent.body.kind === 'multipart')
    values.push(
      ...sent.body.parts.flatMap((part) =>
        part.kind === 'text' && SECRET_PARAMS.has(part.name.toLowerCase()) ? [part.value] : [],
      ),
    )
  for (const headers of [record.headers, ...record.hops.map((hop) => hop.headers)]) {
    for (const [name, value] of headers) {
      if (name.toLowerCase() !== 'set-cookie') continue
      const pair = value.split(';')[0]!
      values.push(pair.slice(pair.indexOf('=') + 1).trim())
    }
  }
  values.push(...record.cookies.map((cookie) => cookie.value))
  return [...new Set(values.map((value) => value.trim()).filter((value) => value !== ''))]
}
