import { LOCAL_DESTINATIONS, TEAM_DESTINATIONS } from '../engine/address-policy.js'
import type { AllowList } from '../engine/allow-list.js'
import type { Outbound } from './outbound.js'

/** What of the configuration (config.ts's AppConfig) decides where requests may go. */
export type OutboundConfig = { team?: boolean; allowTargets?: AllowList; version: string; extraCa: readonly string[] }

/**
 * How a Courier process's requests go out: single-user, it refuses link-local and metadata targets
 * and Courier's own port; team mode, public addresses only unless the admin's allow-list permits a
 * target (docs/team-server-policy.md). `port` is the port it really listens on (known once it
 * listens). The server and `courier run` both use this, so a run obeys the policy a send does.
 */
export function localOutbound(config: OutboundConfig, port: () => number): Outbound {
  return {
    policy: {
      allowed: config.team ? TEAM_DESTINATIONS : LOCAL_DESTINATIONS,
      get selfPorts() {
        return new Set([port()])
      },
      allowList: config.allowTargets,
      team: config.team ?? false,
    },
    userAgent: `Courier/${config.version}`,
    extraCa: config.extraCa,
  }
}
