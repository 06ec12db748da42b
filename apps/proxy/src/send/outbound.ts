import type { DestinationPolicy } from '../engine/address-policy.js'
import type { ServerFetchContext } from '../engine/buffered-exchange.js'
import { engineSettingsFrom } from '../engine/settings.js'
import type { AppSettingsService } from '../storage/app-settings.js'

/** How every request Courier makes goes out: one destination policy, one User-Agent, the extra trusted CAs. */
export type Outbound = {
  policy: DestinationPolicy
  userAgent: string
  extraCa: readonly string[]
}

/** A fetch of Courier's own (an import URL, an OAuth endpoint) under the outbound rules and the Settings page's send defaults. */
export async function serverFetchContext(
  outbound: Outbound,
  settings: Pick<AppSettingsService, 'get'>,
): Promise<ServerFetchContext> {
  return {
    policy: outbound.policy,
    settings: engineSettingsFrom((await settings.get()).send),
    userAgent: outbound.userAgent,
    extraCa: outbound.extraCa,
  }
}
