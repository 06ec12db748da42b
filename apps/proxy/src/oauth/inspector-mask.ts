import { REDACTED, type OAuthHttpExchange, type Pair } from '@courier/shared'
import type { OAuthHttpResponse } from './oauth-http.js'

/** Never shown, not even in part. */
const HIDDEN = new Set(['client_secret', 'password', 'code_verifier', 'client_assertion'])
/** Shown by their ends only, so a person can tell two apart without being able to use one. */
const PARTIAL = new Set([
  'code',
  'refresh_token',
  'access_token',
  'id_token',
  'device_code',
  'state',
  'assertion',
  'subject_token',
])
const BODY_PREVIEW = 8 * 1024

export function maskToken(value: string): string {
  if (value === '') return value
  return value.length >= 24 ? `${value.slice(0, 8)}…${value.slice(-4)}` : REDACTED
}

function maskValue(name: string, value: string): string {
  const lower = name.toLowerCase()
  if (HIDDEN.has(lower)) return value === '' ? value : REDACTED
  if (PARTIAL.has(lower)) return maskToken(value)
  return value
}

export function maskParams(pairs: readonly Pair[]): Pair[] {
  return pairs.map(([name, value]) => [name, maskValue(name, value)])
}

/** Keeps the scheme of credentials visible: `Basic ••••••`. */
export function maskHeaders(pairs: readonly Pair[]): Pair[] {
  return pairs.map(([name, value]): Pair => {
    const lower = name.toLowerCase()
    if (lower !== 'authorization' && lower !== 'cookie' && lower !== 'set-cookie') return [name, value]
    const space = value.indexOf(' ')
    return [name, lower === 'authorization' && space > 0 ? `${value.slice(0, space)} ${REDACTED}` : REDACTED]
  })
}

export function maskForm(text: string): string {
  return maskParams([...new URLSearchParams(text)])
    .map(
      ([name, value]) =>
        `${encodeURIComponent(name)}=${value === REDACTED || value.includes('…') ? value : encodeURIComponent(value)}`,
    )
    .join('&')
}

function maskJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskJson)
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        typeof inner === 'string' ? maskValue(key, inner) : maskJson(inner),
      ]),
    )
  }
  return value
}

/** A response body for the inspector: JSON pretty-printed with tokens masked, other text cut short. */
export function maskBody(text: string): string {
  try {
    return JSON.stringify(maskJson(JSON.parse(text)), null, 2)
  } catch {
    return text.length > BODY_PREVIEW ? `${text.slice(0, BODY_PREVIEW)}…` : text
  }
}

export function exchangeView(
  method: string,
  url: URL,
  response: OAuthHttpResponse | null,
  sent?: { headers: Pair[]; body?: string },
): OAuthHttpExchange {
  const headers = response?.sentHeaders ?? sent?.headers ?? []
  const body = response?.body ?? sent?.body
  return {
    request: { method, url: url.href, headers: maskHeaders(headers), ...(body ? { body: maskForm(body) } : {}) },
    response: response
      ? {
          status: response.status,
          statusText: response.statusText,
          headers: maskHeaders(response.headers),
          ...(response.text ? { body: maskBody(response.text) } : {}),
        }
      : null,
    ...(response ? { durationMs: response.durationMs } : {}),
  }
}
