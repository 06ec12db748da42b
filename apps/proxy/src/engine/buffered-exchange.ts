import type { Pair } from '@courier/shared'
import type { DestinationPolicy } from './address-policy.js'
import type { LookupFn } from './connector.js'
import { exchange, type ExchangeResult } from './exchange.js'
import type { EngineSettings } from './settings.js'

/** What Courier needs to fetch something for itself (an import URL, an OAuth document): a send's policy, limits and TLS rules. */
export type ServerFetchContext = {
  policy: DestinationPolicy
  settings: EngineSettings
  userAgent: string
  extraCa?: readonly string[]
  lookup?: LookupFn
}

export type BufferedRequest = {
  method: string
  url: URL
  accept: string
  /** Sent after Host, User-Agent and Accept. */
  headers?: Pair[]
  body?: Buffer | null
  /** Decoded bytes kept; a longer answer comes back `truncated`. */
  maxBodyBytes: number
}

/**
 * One exchange whose answer stays in memory (no body file), for Courier's own small fetches:
 * the same destination policy as a send (never link-local), its connect/header/body timeouts
 * and TLS verification. Redirects are the caller's business.
 */
export function bufferedExchange(
  request: BufferedRequest,
  context: ServerFetchContext,
  signal: AbortSignal,
): Promise<ExchangeResult> {
  const { settings } = context
  return exchange({
    url: request.url,
    method: request.method,
    headers: [
      ['Host', request.url.host],
      ['User-Agent', context.userAgent],
      ['Accept', request.accept],
      ...(request.headers ?? []),
    ],
    body: request.body ?? null,
    policy: context.policy,
    allowLinkLocal: false,
    verifyTls: settings.verifyTls,
    connectTimeoutMs: settings.connectTimeoutMs,
    headersTimeoutMs: Math.min(settings.headersTimeoutMs, settings.timeoutMs),
    bodyTimeoutMs: Math.min(settings.bodyTimeoutMs, settings.timeoutMs),
    maxBodyBytes: request.maxBodyBytes,
    headLimit: request.maxBodyBytes,
    sink: null,
    signal,
    lookup: context.lookup,
    extraCa: context.extraCa,
  })
}
