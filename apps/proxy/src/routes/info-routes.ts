import type { FastifyInstance } from 'fastify'
import { endpoints, type AppInfo } from '@courier/shared'

export default async function infoRoutes(
  fastify: FastifyInstance,
  options: {
    version: string
    dataDir: string
    /** Where mocks are served (the mock listener's origin), or null when none is open. */
    mockOrigin?: () => string | null
  },
) {
  fastify.get(endpoints.info.path, async (): Promise<AppInfo> => ({
    name: 'Courier',
    version: options.version,
    dataDir: options.dataDir,
    storage: fastify.store.kind,
    integrity: fastify.store.integrity.status(),
    mockOrigin: options.mockOrigin?.() ?? null,
  }))
}
