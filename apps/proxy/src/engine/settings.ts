import { SendDefaultsSchema, type RequestSettings, type RetryPolicy, type SendDefaults } from '@courier/shared'

/** Everything a send needs to know about limits and behaviour, after defaults are applied. */
export type EngineSettings = {
  timeoutMs: number
  connectTimeoutMs: number
  headersTimeoutMs: number
  bodyTimeoutMs: number
  followRedirects: boolean
  maxRedirects: number
  verifyTls: boolean
  maxResponseBytes: number
  allowLinkLocal: boolean
  useCookieJar: boolean
  retry: RetryPolicy
  idempotencyKey: boolean
  /** A new connection for every exchange, closed after (instead of a kept-alive one per origin). */
  freshConnection: boolean
  /** A request's own: how 301/302/303 change the method (RequestSettings.redirectMethod); absent is `standard`. */
  redirectMethod?: RequestSettings['redirectMethod']
  /** A request's own: Referer with the previous URL on each redirect. */
  refererOnRedirect?: boolean
}

/** The global defaults from the Settings page, plus the limits people do not tune (docs/security.md#what-a-send-carries). */
export function engineSettingsFrom(defaults: SendDefaults): EngineSettings {
  return { ...defaults, headersTimeoutMs: 30_000, bodyTimeoutMs: 30_000, allowLinkLocal: false }
}

export const DEFAULT_ENGINE_SETTINGS: EngineSettings = engineSettingsFrom(SendDefaultsSchema.parse({}))

/** A request's own settings over the defaults; an absent field means "use the default". */
export function resolveSettings(request: RequestSettings, defaults: EngineSettings): EngineSettings {
  const own = Object.fromEntries(
    Object.entries(request).filter(([, value]) => value !== undefined),
  ) as Partial<EngineSettings>
  return { ...defaults, ...own }
}
