import { join } from 'node:path'
import { OAUTH_CALLBACK_PATH } from '@courier/shared'
import { DEFAULT_USER_LIMITS, type AppConfig } from './config.js'
import { ConnectionPools } from './engine/connection-pools.js'
import type { OAuthService } from './oauth/oauth-service.js'
import { localOAuthService } from './send/local-oauth-service.js'
import { SecretBox } from './secrets/secret-box.js'
import { localOutbound } from './send/local-outbound.js'
import type { Outbound } from './send/outbound.js'
import { Retention } from './send/retention.js'
import { SendSlots } from './send/send-slots.js'
import { UserSendLimits } from './send/user-limits.js'
import { AppSettingsService } from './storage/app-settings.js'
import { BodyStore } from './storage/body-store.js'
import { CookieJars } from './storage/cookie-jars.js'
import { ensurePrivateDir } from './storage/data-dir.js'
import type { DatabaseTarget } from './storage/database.js'
import { FileStore } from './storage/file-store.js'
import { openStore } from './storage/open-store.js'
import type { SendLimits } from './storage/send-lease-store.js'
import type { Store } from './storage/store.js'
import type { ChangeBus } from './ports/change-bus.js'
import { openChangeBus } from './storage/open-change-bus.js'

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
  /** Passes workspace changes to open pages: in-process on SQLite, LISTEN/NOTIFY on PostgreSQL. */
  bus: ChangeBus
  /** Team mode: each person's sends per minute and at once, counted in the database across instances. */
  userLimits?: UserSendLimits
  /** Kept-alive upstream connections, one pool per origin and policy (engine/connection-pools.ts). */
  connections: ConnectionPools
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
  /** Team mode: per-person send limits (none in single-user mode). */
  userLimits?: SendLimits
  /** The clock send leases are dated by; tests inject one. */
  now?: () => number
  /** Where bodies and uploads live; default: the database on PostgreSQL, the data folder otherwise. */
  blobs?: 'files' | 'database'
}

/** Opens the database (running migrations), the body and file stores, the cookie jars, settings and OAuth. */
export async function openServices(options: ServicesOptions): Promise<Services> {
  ensurePrivateDir(options.dataDir)
  const secretBox = SecretBox.open(options.dataDir)
  const store = await openStore(options.database, secretBox)
  const { bodies, files } = openBlobStores(options, store, secretBox)
  const bus = await openChangeBus(options.database)
  // Instances on one PostgreSQL keep what every send reads in memory, told of each other's writes by the bus.
  if (bus.cacheSignal) store.shareReadCache(bus.cacheSignal)
  const settings = new AppSettingsService(store.settings)
  const oauth = localOAuthService({
    store,
    secretBox,
    settings,
    outbound: options.outbound,
    oauthRedirectUri: options.oauthRedirectUri,
    origins: options.origins,
  })
  // The trash keeps deletes for 30 days: swept at start and every hour (listing it sweeps too).
  const sweepTrash = () => void store.sweepTrash().catch(() => undefined)
  sweepTrash()
  const trashSweep = setInterval(sweepTrash, 3_600_000)
  trashSweep.unref()
  const connections = new ConnectionPools()
  return {
    secretBox,
    store,
    bodies,
    files,
    cookieJars: new CookieJars(store.cookieJars),
    settings,
    oauth,
    outbound: options.outbound,
    retention: new Retention({ settings, store, bodies }),
    sendSlots: new SendSlots(),
    bus,
    ...(options.userLimits
      ? { userLimits: new UserSendLimits(store.sendLeases, options.userLimits, { now: options.now }) }
      : {}),
    connections,
    async close() {
      clearInterval(trashSweep)
      await connections.close()
      oauth.close()
      await bus.close()
      await store.close()
    },
  }
}

/**
 * Where bodies and uploads live: on PostgreSQL (team mode) in the database, so every instance
 * reads what any wrote; otherwise sealed files in the data folder. An S3-compatible bucket would
 * be a third BlobStore, chosen here. Small response bodies go into their history rows instead.
 */
function openBlobStores(
  options: ServicesOptions,
  store: Store,
  box: SecretBox,
): { bodies: BodyStore; files: FileStore } {
  const inDatabase = options.blobs ? options.blobs === 'database' : options.database.kind === 'postgres'
  if (!inDatabase)
    return {
      bodies: BodyStore.inFolder(join(options.dataDir, 'bodies'), box, store.smallBodies),
      files: FileStore.inFolder(join(options.dataDir, 'files'), box),
    }
  return { bodies: new BodyStore(store.blobs('body'), store.smallBodies), files: new FileStore(store.blobs('file')) }
}

/** Courier's addresses on this machine for a port: where its pages live and where it captures OAuth callbacks. */
export function localOrigins(port: number): ReadonlySet<string> {
  return new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`])
}

/**
 * The services of a Courier server: every request it makes (sends, import URLs, OAuth endpoints)
 * goes out under one policy. Single-user: it refuses link-local and metadata targets and Courier's
 * own port. Team mode: public addresses only, unless the admin's allow-list permits a target
 * (docs/team-server-policy.md). `port` is the port it really listens on (known once it listens).
 */
export function localServicesOptions(config: AppConfig, port: () => number): ServicesOptions {
  return {
    database: config.database,
    dataDir: config.dataDir,
    outbound: localOutbound(config, port),
    // A team server's people open it at its public address, so its callback is captured there.
    oauthRedirectUri: () =>
      config.team && config.publicUrl
        ? `${config.publicUrl}${OAUTH_CALLBACK_PATH}`
        : `http://127.0.0.1:${port()}${OAUTH_CALLBACK_PATH}`,
    origins: () => localOrigins(port()),
    ...(config.team ? { userLimits: config.userLimits ?? DEFAULT_USER_LIMITS } : {}),
    ...(config.now ? { now: config.now } : {}),
  }
}
