import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { join } from 'node:path'
import { CookieJars } from '../cookies/cookie-jars.js'
import { SecretBox } from '../secrets/secret-box.js'
import { AppSettingsService } from '../settings/app-settings.js'
import { BodyStore } from '../storage/body-store.js'
import { ensurePrivateDir } from '../storage/data-dir.js'
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
    fastify.decorate('bodies', new BodyStore(join(options.dataDir, 'bodies')))
    fastify.decorate('files', new FileStore(join(options.dataDir, 'files')))
    fastify.decorate('cookieJars', new CookieJars(store.cookieJars))
    fastify.decorate('appSettings', new AppSettingsService(store.settings))
    fastify.addHook('onClose', () => store.close())
  },
  { name: 'storage' },
)
