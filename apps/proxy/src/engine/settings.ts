import type { RequestSettings } from '@courier/shared'

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
}

/** SECURITY.md §5 localhost defaults; the Settings page overrides them. */
export const DEFAULT_ENGINE_SETTINGS: EngineSettings = {
  timeoutMs: 60_000,
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 30_000,
  bodyTimeoutMs: 30_000,
  followRedirects: true,
  maxRedirects: 10,
  verifyTls: true,
  maxResponseBytes: 50 * 1024 * 1024,
  allowLinkLocal: false,
  useCookieJar: true,
}

export function resolveSettings(request: RequestSettings, defaults: EngineSettings): EngineSettings {
  return {
    ...defaults,
    ...(request.timeoutMs === undefined ? {} : { timeoutMs: request.timeoutMs }),
    ...(request.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: request.connectTimeoutMs }),
    ...(request.followRedirects === undefined ? {} : { followRedirects: request.followRedirects }),
    ...(request.maxRedirects === undefined ? {} : { maxRedirects: request.maxRedirects }),
    ...(request.verifyTls === undefined ? {} : { verifyTls: request.verifyTls }),
    ...(request.maxResponseBytes === undefined ? {} : { maxResponseBytes: request.maxResponseBytes }),
    ...(request.allowLinkLocal === undefined ? {} : { allowLinkLocal: request.allowLinkLocal }),
    ...(request.useCookieJar === undefined ? {} : { useCookieJar: request.useCookieJar }),
  }
}
