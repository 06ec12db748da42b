import type { Pair } from '@courier/shared'
import type { OutgoingBody } from './exchange.js'
import { NO_SECRETS, stripSecrets, type SendSecrets } from './redirect-secrets.js'

type HopRequest = {
  method: string
  url: URL
  headers: Pair[]
  body: OutgoingBody
  bodySize: number
  bodyPreview: string | undefined
  droppedOnRedirect?: string[]
}

export type NextHop =
  { kind: 'follow'; request: HopRequest; droppedCredentials: string[] } | { kind: 'forbidden'; target: string }

const REDIRECTS = new Set([301, 302, 303, 307, 308])
const BODY_HEADERS = new Set([
  'content-type',
  'content-length',
  'content-encoding',
  'content-language',
  'content-location',
])

/**
 * The request for the next hop, or null when the response is final: not a redirect, no
 * Location, or a Location that is not a URL (returned as-is, like browsers and curl).
 * Method changes follow RFC 9110 §15.4 as `requests` applies it: 303 → GET (HEAD stays HEAD),
 * 302 → GET, 301 turns POST into GET; 307/308 keep method and body (`rules` can ask for
 * Postman's followOriginalHttpMethod: the method and body always kept). Secrets (see
 * redirect-secrets.ts) never cross to another origin, an https → http downgrade included.
 */
export type RedirectRules = {
  /** RequestSettings.redirectMethod; absent is `standard`. */
  method?: 'standard' | 'original'
  /** Replace Referer with the URL redirected from, as Postman does. */
  referer?: boolean
}

function becomesGet(rule: RedirectRules['method'], status: number, method: string): boolean {
  if (rule === 'original' || status === 307 || status === 308 || method === 'HEAD') return false
  return status === 303 || (status === 302 && method !== 'GET') || (status === 301 && method === 'POST')
}

/** The URL redirected from, as a Referer carries it: no fragment, no user name or password. */
function refererOf(url: URL): string {
  const from = new URL(url.href)
  from.hash = ''
  from.username = ''
  from.password = ''
  return from.href
}

export function nextHop(
  current: HopRequest,
  status: number,
  location: string | null,
  secrets: SendSecrets = NO_SECRETS,
  rules: RedirectRules = {},
): NextHop | null {
  if (!REDIRECTS.has(status) || location === null || location.trim() === '') return null
  let target: URL
  try {
    target = new URL(location, current.url)
  } catch {
    return null
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return { kind: 'forbidden', target: location }
  target.hash = target.hash || current.url.hash

  const toGet = becomesGet(rules.method, status, current.method)
  const method = toGet ? 'GET' : current.method
  const crossOrigin = target.origin !== current.url.origin

  let headers: Pair[] = []
  for (const [name, value] of current.headers) {
    const lower = name.toLowerCase()
    if (lower === 'host') continue
    if (toGet && BODY_HEADERS.has(lower)) continue
    if (rules.referer && lower === 'referer') continue
    headers.push([name, value])
  }
  // Before the secrets are stripped: a Referer carrying a key does not go to another origin either.
  if (rules.referer) headers.push(['Referer', refererOf(current.url)])
  let dropped: string[] = []
  if (crossOrigin) ({ headers, url: target, dropped } = stripSecrets(headers, target, secrets))
  headers.unshift(['Host', target.host])

  return {
    kind: 'follow',
    droppedCredentials: dropped,
    request: {
      method,
      url: target,
      headers,
      body: toGet ? null : current.body,
      bodySize: toGet ? 0 : current.bodySize,
      bodyPreview: toGet ? undefined : current.bodyPreview,
    },
  }
}
