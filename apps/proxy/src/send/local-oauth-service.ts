import { RequestSpecSchema } from '@courier/shared'
import type { SecretBox } from '../secrets/secret-box.js'
import type { AppSettingsService } from '../storage/app-settings.js'
import { LOCAL_USER_ID, LOCAL_WORKSPACE_ID } from '../storage/local-identity.js'
import type { Store } from '../storage/store.js'
import { OAuthService } from '../oauth/oauth-service.js'
import { serverFetchContext, type Outbound } from './outbound.js'
import { resolveRequest } from './resolve-request.js'

export type LocalOAuthOptions = {
  store: Store
  secretBox: SecretBox
  settings: AppSettingsService
  outbound: Outbound
  /** Courier's own OAuth callback URL (its port may be known only once it listens). */
  oauthRedirectUri: () => string
  /** Origins Courier answers on. */
  origins: () => ReadonlySet<string>
}

/** The OAuth service over a store: the server's (services.ts) and a `courier run`'s. */
export function localOAuthService(options: LocalOAuthOptions): OAuthService {
  const { store } = options
  return new OAuthService({
    store: store.oauth,
    secrets: options.secretBox,
    http: () => serverFetchContext(options.outbound, options.settings),
    defaultRedirectUri: options.oauthRedirectUri,
    ownOrigins: options.origins,
    resolveConfig: async (config, environmentId, caller) => {
      // Variables resolve exactly as in a send: a {{client_secret}} from the environment works,
      // from the caller's workspace, with their current values.
      const request = RequestSpecSchema.parse({ method: 'GET', url: '', auth: { type: 'oauth2', config } })
      const ws = caller?.workspaceId ?? LOCAL_WORKSPACE_ID
      const { spec } = await resolveRequest(
        ws === LOCAL_WORKSPACE_ID ? store : store.inWorkspace(ws),
        { request, environmentId: environmentId ?? undefined },
        store.currentValues(ws, caller?.userId ?? LOCAL_USER_ID),
      )
      return spec.auth.type === 'oauth2' ? spec.auth.config : config
    },
  })
}
