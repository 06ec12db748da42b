import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { join } from 'node:path'
import { BodyStore } from '../storage/body-store.js'
import { ensurePrivateDir } from '../storage/data-dir.js'
import type { DatabaseTarget } from '../storage/database.js'
import { openStore } from '../storage/open-store.js'
import type { Store } from '../storage/store.js'

declare module 'fastify' {
  interface FastifyInstance {
    store: Store
    bodies: BodyStore
  }
}

/** Opens the database (running migrations) and the body store; closes them with the server. */
export default fp<{ database: DatabaseTarget; dataDir: string }>(
  async (fastify: FastifyInstance, options) => {
    ensurePrivateDir(options.dataDir)
    const store = await openStore(options.database)
    fastify.decorate('store', store)
    fastify.decorate('bodies', new BodyStore(join(options.dataDir, 'bodies')))
    fastify.addHook('onClose', () => store.close())
  },
  { name: 'storage' },
)
