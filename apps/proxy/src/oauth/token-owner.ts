import { oauthEnvironmentKey } from '@courier/shared'
import { LOCAL_USER_ID } from '../storage/local-identity.js'

/** Who a flow or a token is for: a person in a workspace (team mode), or the local user. */
export type OAuthCaller = { userId: string; workspaceId: string }

const isLocal = (caller: OAuthCaller | undefined) => !caller || caller.userId === LOCAL_USER_ID

/**
 * The key tokens and flows are stored under. The local user keeps single-user Courier's keys (the
 * environment id, or 'default'), so tokens saved before team mode read as before; in team mode each
 * person's tokens are their own, per workspace: `<user>/<workspace>/<environment key>`.
 */
export function ownedEnvironmentKey(caller: OAuthCaller | undefined, environmentId: string | null | undefined): string {
  const key = oauthEnvironmentKey(environmentId)
  return isLocal(caller) ? key : `${caller!.userId}/${caller!.workspaceId}/${key}`
}

/** Whether a stored key (a flow's) is the caller's own: another person's flow answers like one that never existed. */
export function ownsKey(caller: OAuthCaller | undefined, key: string): boolean {
  return isLocal(caller) ? !key.includes('/') : key.startsWith(`${caller!.userId}/`)
}
