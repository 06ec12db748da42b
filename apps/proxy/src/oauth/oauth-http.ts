import type { Pair } from '@courier/shared'
import { CourierError } from '../errors.js'
import { bufferedExchange, type ServerFetchContext } from '../engine/buffered-exchange.js'
import { totalDeadline } from '../engine/deadline.js'

/** What talking to an authorization server needs: the engine's policy, limits and TLS rules. */
export type OAuthHttpContext = ServerFetchContext

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
 * destination policy (docs/security.md#where-sends-may-go), connect/header/body timeouts, total deadline
 * and TLS verification as any send. Redirects are never followed: a token endpoint answering
 * 3xx gets the code and secrets only once (docs/security.md#oauth).
 */
export async function oauthHttp(request: OAuthHttpRequest, context: OAuthHttpContext): Promise<OAuthHttpResponse> {
  const body = request.form ? Buffer.from(request.form.toString(), 'utf8') : null
  const headers: Pair[] = [...(request.headers ?? [])]
  if (body) headers.push(['Content-Type', 'application/x-www-form-urlencoded'], ['Content-Length', String(body.length)])

  const deadline = totalDeadline(context.settings.timeoutMs)
  try {
    const result = await bufferedExchange(
      {
        method: request.method,
        url: request.url,
        accept: 'application/json',
        headers,
        body,
        maxBodyBytes: MAX_BODY_BYTES,
      },
      context,
      deadline.controller.signal,
    )
    if (result.truncated) {
      throw new CourierError(
        'RESPONSE_TOO_LARGE',
        `The answer from ${request.url.host} is larger than 1 MiB; an OAuth document never is.`,
        { phase: 'receive' },
      )
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
    deadline.clear()
  }
}
