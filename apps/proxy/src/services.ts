import { join } from 'node:path'
import { OAUTH_CALLBACK_PATH, RequestSpecSchema } from '@courier/shared'
import type { AppConfig } from './config.js'
import { LOCAL_DESTINATIONS } from './engine/address-policy.js'
import { OAuthService } from './oauth/oauth-service.js'
import { SecretBox } from './secrets/secret-box.js'
import { serverFetchContext, type Outbound } from './send/outbound.js'
import { resolveRequest } from './send/resolve-request.js'
import { Retention } from './send/retention.js'
import { SendSlots } from './send/send-slots.js'
import { AppSettingsService } from './storage/app-settings.js'
import { BodyStore } from './storage/body-store.js'
import { CookieJars } from './storage/cookie-jars.js'
import { ensurePrivateDir } from './storage/data-dir.js'
import type { DatabaseTarget } from './storage/database.js'
import { FileStore } from './storage/file-store.js'
import { openStore } from './storage/open-store.js'
import type { Store } from './storage/store.js'

/** Courier's parts with state, opened once per process: the HTTP app and the CLI both use them. */
export type Services = {
  /** Seals secrets at rest (tokens, secret variables) with a key outside the database. */
  secretBox: SecretBox
  store: Store
  bodies: BodyStore
  files: FileStore
  cookieJars: CookieJars
  settings: AppSettingsService
  oauth: OAuthService
  outbound: Outbound
  retention: Retention
  /** Sends in flight on this server: every send takes one, up to the Settings page's limit. */
  sendSlots: SendSlots
  close(): Promise<void>
}

export type ServicesOptions = {
  database: DatabaseTarget
  dataDir: string
  outbound: Outbound
  /** Courier's own OAuth callback URL (its port may be known only once it listens). */
  oauthRedirectUri: () => string
  /** Origins Courier answers on. */
  origins: () => ReadonlySet<string>
}

/** Opens the database (running migrations), the body and file stores, the cookie jars, settings and OAuth. */
export async function openServices(options: ServicesOptions): Promise<Services> {
  ensurePrivateDir(options.dataDir)
  const secretBox = SecretBox.open(options.dataDir)
  const store = await openStore(options.database, secretBox)
  const bodies = new BodyStore(join(options.dataDir, 'bodies'), secretBox)
  const settings = new AppSettingsService(store.settings)
  const oauth = new OAuthService({
    store: store.oauth,
    secrets: secretBox,
    http: () => serverFetchContext(options.outbound, settings),
    defaultRedirectUri: options.oauthRedirectUri,
    ownOrigins: options.origins,
    resolveConfig: async (config, environmentId) => {
      // Variables resolve exactly as in a send: a {{client_secret}} from the environment works.
      const request = RequestSpecSchema.parse({ method: 'GET', url: '', auth: { type: 'oauth2', config } })
      const { spec } = await resolveRequest(store, { request, environmentId: environmentId ?? undefined })
      return spec.auth.type === 'oauth2' ? spec.auth.config : config
    },
  })
  return {
    secretBox,
    store,
    bodies,
    files: new FileStore(join(options.dataDir, 'files'), secretBox),
    cookieJars: new CookieJars(store.cookieJars),
    settings,
    oauth,
    outbound: options.outbound,
    retention: new Retention({ settings, store, bodies }),
    sendSlots: new SendSlots(),
    async close() {
      oauth.close()
      await store.close()
    },
  }
}

/** Courier's addresses on this machine for a port: where its pages live and where it captures OAuth callbacks. */
export function localOrigins(port: number): ReadonlySet<string> {
  return new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`])
}

/**
 * The services of a local (single-user) Courier: every request it makes (sends, import URLs,
 * OAuth endpoints) goes out under one policy that refuses link-local and metadata targets and
 * Courier's own port. `port` is the port it really listens on (known once it listens).
 */
export function localServicesOptions(config: AppConfig, port: () => number): ServicesOptions {
  return {
    database: config.database,
    dataDir: config.dataDir,
    outbound: {
      policy: {
        allowed: LOCAL_DESTINATIONS,
        get selfPorts() {
          return new Set([port()])
        },
      },
      userAgent: `Courier/${config.version}`,
      extraCa: config.extraCa,
    },
    oauthRedirectUri: () => `http://127.0.0.1:${port()}${OAUTH_CALLBACK_PATH}`,
    origins: () => localOrigins(port()),
  }
}
