import { randomBytes } from 'node:crypto'
import { OAUTH_CALLBACK_PATH, type RequestSpec } from '@courier/shared'
import type { AppConfig } from '../config.js'
import { ConnectionPools } from '../engine/connection-pools.js'
import type { OAuthCaller, OAuthService } from '../oauth/oauth-service.js'
import { SecretBox } from '../secrets/secret-box.js'
import { localOutbound } from '../send/local-outbound.js'
import type { RequestAuthorizer, SendServices } from '../send/perform-send.js'
import { Retention } from '../send/retention.js'
import { SendSlots } from '../send/send-slots.js'
import { AppSettingsService } from '../storage/app-settings.js'
import { BodyStore } from '../storage/body-store.js'
import { CookieJars } from '../storage/cookie-jars.js'
import { FileStore } from '../storage/file-store.js'
import type { Store } from '../storage/store.js'
import { fileRunStore } from './file-run-store.js'
import { MemoryBlobs } from './memory-blobs.js'

export type FileRunServices = SendServices & { store: Store; close(): Promise<void> }

/**
 * OAuth 2 for a file run: the service (and what it imports) is loaded by the first request that
 * uses OAuth 2 auth; every other request goes out as it is, as OAuthService.authorize would send it.
 */
function lazyAuthorizer(load: () => Promise<OAuthService>): RequestAuthorizer & { close(): void } {
  let service: Promise<OAuthService> | undefined
  return {
    async authorize(spec: RequestSpec, environmentId: string | undefined, caller?: OAuthCaller) {
      if (spec.auth.type !== 'oauth2') return spec
      service ??= load()
      return (await service).authorize(spec, environmentId, caller)
    },
    close() {
      void service?.then((s) => s.close())
    },
  }
}

/**
 * What `courier run` on a Postman file sends with: performSend's services over an in-memory store
 * (file-run-store.ts) and in-memory bodies, the destination policy a local Courier applies, kept-
 * alive connections per origin. No database, no data folder, no HTTP server: nothing the run does
 * outlives it. Secrets sealed during the run (OAuth tokens) use a key made for this run.
 */
export function fileRunServices(config: AppConfig): FileRunServices {
  const store = fileRunStore()
  const settings = new AppSettingsService(store.settings)
  const bodies = new BodyStore(new MemoryBlobs())
  const outbound = localOutbound(config, () => config.port)
  const connections = new ConnectionPools()
  const oauth = lazyAuthorizer(async () => {
    const { localOAuthService } = await import('../send/local-oauth-service.js')
    return localOAuthService({
      store,
      secretBox: new SecretBox(randomBytes(32)),
      settings,
      outbound,
      oauthRedirectUri: () => `http://127.0.0.1:${config.port}${OAUTH_CALLBACK_PATH}`,
      origins: () =>
        new Set([`http://127.0.0.1:${config.port}`, `http://localhost:${config.port}`, `http://[::1]:${config.port}`]),
    })
  })
  return {
    store,
    bodies,
    files: new FileStore(new MemoryBlobs()),
    cookieJars: new CookieJars(store.cookieJars),
    settings,
    oauth,
    outbound,
    retention: new Retention({ settings, store, bodies }),
    sendSlots: new SendSlots(),
    connections,
    log: {
      error: (details, message) => process.stderr.write(`courier: ${message}: ${String(details.err)}\n`),
    },
    async close() {
      oauth.close()
      await connections.close()
    },
  }
}
