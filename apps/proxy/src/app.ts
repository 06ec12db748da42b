import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { AppConfig } from './config.js'
import { localOrigins, localServicesOptions } from './services.js'
import errorHandler from './plugins/error-handler.js'
import securityGate, { FailureLimiter } from './plugins/security-gate.js'
import services from './plugins/services.js'
import { SessionCookie } from './plugins/session-cookie.js'
import webApp from './plugins/web-app.js'
import oauthRoutes from './routes/oauth-routes.js'
import collectionRoutes from './routes/collection-routes.js'
import cookieRoutes from './routes/cookie-routes.js'
import fileRoutes from './routes/file-routes.js'
import historyRoutes from './routes/history-routes.js'
import importExportRoutes from './routes/import-export-routes.js'
import settingsRoutes from './routes/settings-routes.js'
import infoRoutes from './routes/info-routes.js'
import responseBodyRoutes from './routes/response-body-routes.js'
import sendRoutes from './routes/send-routes.js'
import { Sessions } from './storage/sessions.js'

/** The port the server really listens on (it differs from the config when that says 0). */
function listeningPort(fastify: FastifyInstance, fallback: number): number {
  const address = fastify.server.address()
  return typeof address === 'object' && address !== null ? address.port : fallback
}

/** The whole of Courier as one Fastify plugin: server.ts listens, tests register this directly. */
async function courier(fastify: FastifyInstance, config: AppConfig) {
  const port = () => listeningPort(fastify, config.port)
  // Cookies ignore ports: the name keeps two Courier servers on one machine apart.
  let sessions: Sessions | undefined
  const sessionsOf = () => (sessions ??= new Sessions(fastify.store.sessions, config.now))
  const cookie = new SessionCookie({
    name: () => `courier_session_${port()}`,
    sessions: sessionsOf,
    secure: config.secureCookies ?? false,
  })
  const limiter = new FailureLimiter(config.now)
  const origins = () => localOrigins(port())

  // Cross-cutting first: routes rely on their hooks and decorators.
  await fastify.register(errorHandler)
  await fastify.register(securityGate, {
    token: config.token,
    cookie,
    limiter,
    allowedHosts: () => new Set([`127.0.0.1:${port()}`, `localhost:${port()}`, `[::1]:${port()}`]),
    allowedOrigins: origins,
  })
  await fastify.register(services, localServicesOptions(config, port))

  await fastify.register(infoRoutes, { version: config.version, dataDir: config.dataDir })
  await fastify.register(sendRoutes)
  await fastify.register(historyRoutes)
  await fastify.register(fileRoutes, { maxUploadBytes: config.maxUploadBytes })
  await fastify.register(cookieRoutes)
  await fastify.register(settingsRoutes)
  await fastify.register(collectionRoutes)
  await fastify.register(responseBodyRoutes)
  await fastify.register(importExportRoutes, { version: config.version })
  await fastify.register(oauthRoutes, { port, origins })

  await fastify.register(webApp, {
    cookie,
    sessions: sessionsOf,
    limiter,
    webDist: config.webDist,
    viteUrl: config.viteUrl,
  })
}

/** Not encapsulated, so tests reach the services it decorates from the instance buildServer returns. The CLI opens services without it. */
export const app = fp(courier, { name: 'courier' })
