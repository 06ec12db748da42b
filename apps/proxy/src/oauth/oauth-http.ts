import type { Pair } from '@courier/shared'
import { CourierError } from '../errors.js'
import type { DestinationPolicy } from '../engine/address-policy.js'
import type { LookupFn } from '../engine/connector.js'
import { exchange } from '../engine/exchange.js'
import type { EngineSettings } from '../engine/settings.js'

/** What talking to an authorization server needs: the engine's policy, limits and TLS rules. */
export type OAuthHttpContext = {
  policy: DestinationPolicy
  settings: EngineSettings
  userAgent: string
  extraCa?: readonly string[]
  lookup?: LookupFn
}

export type OAuthHttpRequest = { method: 'GET' | 'POST'; url: URL; headers?: Pair[]; form?: URLSearchParams }

export type OAuthHttpResponse = {
  status: number
  statusText: string
  headers: Pair[]
  text: string
  /** The request headers exactly as written on the wire. */
  sentHeaders: Pair[]
  body: string | undefined
  durationMs: number
}

/** Token, discovery and JWKS documents are small; a provider sending more is misbehaving. */
const MAX_BODY_BYTES = 1024 * 1024

/**
 * One request to an authorization server through the send engine's exchange: the same
 * destination policy (SECURITY.md §2.5.1 step 6), connect/header/body timeouts, total deadline
 * and TLS verification as any send. Redirects are never followed: a token endpoint answering
 * 3xx gets the code and secrets only once (SECURITY.md O-13).
 */
export async function oauthHttp(request: OAuthHttpRequest, context: OAuthHttpContext): Promise<OAuthHttpResponse> {
  const { settings } = context
  const body = request.form ? Buffer.from(request.form.toString(), 'utf8') : null
  const headers: Pair[] = [['Host', request.url.host], ['User-Agent', context.userAgent], ['Accept', 'application/json'], ...(request.headers ?? [])]
  if (body) headers.push(['Content-Type', 'application/x-www-form-urlencoded'], ['Content-Length', String(body.length)])

  const controller = new AbortController()
  const deadline = setTimeout(() => {
    controller.abort(new CourierError('REQUEST_TIMEOUT', `No complete answer within ${settings.timeoutMs / 1000} s (total timeout).`, { phase: 'receive' }))
  }, settings.timeoutMs)
  try {
    const result = await exchange({
      url: request.url,
      method: request.method,
      headers,
      body,
      policy: context.policy,
      allowLinkLocal: false,
      verifyTls: settings.verifyTls,
      connectTimeoutMs: settings.connectTimeoutMs,
      headersTimeoutMs: Math.min(settings.headersTimeoutMs, settings.timeoutMs),
      bodyTimeoutMs: Math.min(settings.bodyTimeoutMs, settings.timeoutMs),
      maxBodyBytes: MAX_BODY_BYTES,
      headLimit: MAX_BODY_BYTES,
      sink: null,
      signal: controller.signal,
      lookup: context.lookup,
      extraCa: context.extraCa,
    })
    if (result.truncated) {
      throw new CourierError('RESPONSE_TOO_LARGE', `The answer from ${request.url.host} is larger than 1 MiB; an OAuth document never is.`, { phase: 'receive' })
    }
    return {
      status: result.status,
      statusText: result.statusText,
      headers: result.headers,
      text: result.head.toString('utf8'),
      sentHeaders: result.sentHeaders,
      body: body?.toString('utf8'),
      durationMs: result.timing.total,
    }
  } finally {
    clearTimeout(deadline)
  }
}

export function headerValue(headers: readonly Pair[], name: string): string | undefined {
  const lower = name.toLowerCase()
  return headers.find(([n]) => n.toLowerCase() === lower)?.[1]
}
