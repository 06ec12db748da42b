import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { join } from 'node:path'
import { CookieJars } from '../cookies/cookie-jars.js'
import { SecretBox } from '../secrets/secret-box.js'
import { AppSettingsService } from '../settings/app-settings.js'
import { BodyStore } from '../storage/body-store.js'
import { ensurePrivateDir } from '../storage/data-dir.js'
import { sweepDataFolder } from '../storage/data-sweep.js'
import type { DatabaseTarget } from '../storage/database.js'
import { FileStore } from '../storage/file-store.js'
import { openStore } from '../storage/open-store.js'
import type { Store } from '../storage/store.js'

declare module 'fastify' {
  interface FastifyInstance {
    store: Store
    bodies: BodyStore
    files: FileStore
    cookieJars: CookieJars
    appSettings: AppSettingsService
    /** Seals secrets at rest (tokens, secret variables) with a key outside the database. */
    secretBox: SecretBox
  }
}

/** Opens the database (running migrations), the body and file stores; closes them with the server. */
export default fp<{ database: DatabaseTarget; dataDir: string }>(
  async (fastify: FastifyInstance, options) => {
    ensurePrivateDir(options.dataDir)
    const secretBox = SecretBox.open(options.dataDir)
    const store = await openStore(options.database, secretBox)
    fastify.decorate('secretBox', secretBox)
    fastify.decorate('store', store)
    const bodies = new BodyStore(join(options.dataDir, 'bodies'), secretBox)
    const files = new FileStore(join(options.dataDir, 'files'), secretBox)
    fastify.decorate('bodies', bodies)
    fastify.decorate('files', files)
    // Before the server listens: what a crash left behind goes, what an older Courier wrote in clear is sealed.
    const swept = await sweepDataFolder(store, bodies, files)
    const { problems, ...counts } = swept
    if (Object.values(counts).some((count) => count > 0)) fastify.log.info(counts, 'data folder swept')
    for (const problem of problems) fastify.log.warn(`data folder sweep left a file it could not read: ${problem}`)
    fastify.decorate('cookieJars', new CookieJars(store.cookieJars))
    fastify.decorate('appSettings', new AppSettingsService(store.settings))
    fastify.addHook('onClose', () => store.close())
  },
  { name: 'storage' },
)
