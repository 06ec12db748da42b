import type { FastifyInstance } from 'fastify'
import { endpoints, type AppInfo } from '@courier/shared'

export default async function infoRoutes(fastify: FastifyInstance, options: { version: string; dataDir: string }) {
  fastify.get(endpoints.info.path, async (): Promise<AppInfo> => ({
    name: 'Courier',
    version: options.version,
    dataDir: options.dataDir,
    storage: fastify.store.kind,
    integrity: fastify.store.integrity.status(),
  }))
}
