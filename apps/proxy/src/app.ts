import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import websocket from '@fastify/websocket'
import type { AppConfig } from './config.js'
import { localOrigins, localServicesOptions } from './services.js'
import errorHandler from './plugins/error-handler.js'
import securityGate from './plugins/security-gate.js'
import { FailureLimiter, MemoryFailureStore } from './plugins/failure-limiter.js'
import services from './plugins/services.js'
import workspaceScope from './plugins/workspace-scope.js'
import { SessionCookie, sessionCookieName } from './plugins/session-cookie.js'
import webApp from './plugins/web-app.js'
import oauthRoutes from './routes/oauth-routes.js'
import collectionRoutes from './routes/collection-routes.js'
import workspaceRoutes from './routes/workspace-routes.js'
import versionRoutes from './routes/version-routes.js'
import cookieRoutes from './routes/cookie-routes.js'
import currentValueRoutes from './routes/current-value-routes.js'
import fileRoutes from './routes/file-routes.js'
import historyRoutes from './routes/history-routes.js'
import importExportRoutes from './routes/import-export-routes.js'
import settingsRoutes from './routes/settings-routes.js'
import infoRoutes from './routes/info-routes.js'
import responseBodyRoutes from './routes/response-body-routes.js'
import sendRoutes from './routes/send-routes.js'
import liveRoutes from './routes/live-routes.js'
import realtimeRoutes, { MAX_MESSAGE_BYTES } from './realtime/realtime-routes.js'
import { Sessions } from './storage/sessions.js'
import teamPages from './plugins/team-pages.js'
import oidcPages from './plugins/oidc-pages.js'
import teamRoutes from './routes/team-routes.js'
import runRoutes from './routes/run-routes.js'
import mountRoutes from './capture/mount-routes.js'
import captureEvents from './capture/capture-events.js'
import capturePlugin from './capture/capture-plugin.js'
import { KeptRuns } from './runner/kept-runs.js'
import { Accounts, actorOf } from './team/accounts.js'
import { AuditEvents } from './team/audit-events.js'
import { OidcAccounts } from './team/oidc-accounts.js'
import { OidcClient } from './team/oidc-client.js'
import mockRoutes from './mock/mock-routes.js'
import workspaceFilesRoutes from './routes/workspace-files-routes.js'
import { WorkspaceFilesService } from './plugins/workspace-files-service.js'
import { MockService } from './mock/mock-service.js'

/** The port the server really listens on (it differs from the config when that says 0). */
function listeningPort(fastify: FastifyInstance, fallback: number): number {
  const address = fastify.server.address()
  return typeof address === 'object' && address !== null ? address.port : fallback
}

/** The whole of Courier as one Fastify plugin: server.ts listens, tests register this directly. */
async function courier(fastify: FastifyInstance, config: AppConfig) {
  const port = () => listeningPort(fastify, config.port)
  const team = config.team ?? false
  let sessions: Sessions | undefined
  const sessionsOf = () => (sessions ??= new Sessions(fastify.store.sessions, config.now))
  let accounts: Accounts | undefined
  const accountsOf = () => (accounts ??= new Accounts(fastify.store, config.now))
  const cookie = new SessionCookie({
    name: () => sessionCookieName({ team, secure: config.secureCookies ?? false, port: port() }),
    sessions: sessionsOf,
    secure: config.secureCookies ?? false,
    // Team mode: a session counts only while its person exists and is not disabled (checked on every request).
    ...(team ? { admit: async (session) => (await accountsOf().activeUser(session.subject)) !== null } : {}),
  })
  // Team mode counts failed credentials in the database, so every instance counts the same ones.
  const memoryFailures = new MemoryFailureStore()
  const limiter = new FailureLimiter(() => (team ? fastify.store.failures : memoryFailures), config.now)
  /** Team mode: the address people open (`--public-url`), else where this server listens. */
  const publicOrigin = () => config.publicUrl ?? `http://127.0.0.1:${port()}`
  const origins = () => (team ? new Set([publicOrigin(), ...localOrigins(port())]) : localOrigins(port()))
  const hosts = () => {
    const local = [`127.0.0.1:${port()}`, `localhost:${port()}`, `[::1]:${port()}`]
    return new Set(team ? [new URL(publicOrigin()).host, ...local] : local)
  }

  // Cross-cutting first: routes rely on their hooks and decorators.
  await fastify.register(errorHandler)
  // Before the gate: its onRequest marks upgrade requests, so a refused upgrade's socket is closed after the answer.
  await fastify.register(websocket, { options: { maxPayload: MAX_MESSAGE_BYTES } })
  await fastify.register(securityGate, {
    token: config.token,
    cookie,
    limiter,
    allowedHosts: hosts,
    allowedOrigins: origins,
    ...(team
      ? {
          team: {
            sessionActor: async (session) => {
              const user = await accountsOf().activeUser(session.subject)
              return user ? actorOf(user, 'session') : null
            },
            tokenActor: async (token) => {
              const user = await accountsOf().tokenUser(token)
              return user ? actorOf(user, 'token') : null
            },
            signInUrl: () => `${publicOrigin()}/sign-in`,
          },
        }
      : {}),
  })
  await fastify.register(services, localServicesOptions(config, port))
  await fastify.register(workspaceScope, { team: config.team ?? false })

  // Mock servers (issue 18): /api/mocks here; server.ts opens their listener on a port of its own.
  const mocks = new MockService(() => fastify.store, config.mocks?.publicUrl ?? null)
  fastify.decorate('mocks', mocks)
  await fastify.register(infoRoutes, {
    version: config.version,
    dataDir: config.dataDir,
    mockOrigin: () => mocks.origin(),
  })
  await fastify.register(mockRoutes, { mocks })
  await fastify.register(sendRoutes)
  await fastify.register(historyRoutes)
  await fastify.register(fileRoutes, { maxUploadBytes: config.maxUploadBytes })
  await fastify.register(cookieRoutes)
  await fastify.register(settingsRoutes, { team })
  await fastify.register(collectionRoutes)
  await fastify.register(workspaceRoutes, { team: config.team ?? false, ...(config.now ? { now: config.now } : {}) })
  await fastify.register(currentValueRoutes)
  await fastify.register(versionRoutes)
  await fastify.register(responseBodyRoutes)
  await fastify.register(importExportRoutes, { version: config.version })
  await fastify.register(oauthRoutes, { port, origins })
  await fastify.register(liveRoutes, { team: config.team ?? false, ...config.live, now: config.now })
  await fastify.register(teamRoutes, { team, cookie, sessions: sessionsOf })
  // Realtime sessions: the page's one WebSocket (realtime/realtime-routes.ts), gated as every GET.
  await fastify.register(realtimeRoutes, { token: config.token, cookie, ...config.realtime })
  // Runs left "running" by a stopped process are failed now; this process's runs end with it.
  const runs = new KeptRuns(fastify.store.runRegistry, fastify.log)
  await runs.open(fastify.store.kind)
  fastify.addHook('preClose', () => runs.close())
  await fastify.register(runRoutes, { runs })
  // Issue 19: the local workspace kept as files (--workspace DIR, or the folder chosen in Settings).
  const workspaceFiles = team
    ? null
    : new WorkspaceFilesService({
        store: fastify.store,
        bus: fastify.services.bus,
        dataDir: config.dataDir,
        fixedDir: config.workspaceDir ?? null,
        onError: (error) => fastify.log.error(error),
      })
  if (workspaceFiles) {
    await workspaceFiles.open()
    fastify.addHook('preClose', () => workspaceFiles.close())
  }
  await fastify.register(workspaceFilesRoutes, { service: workspaceFiles })
  // Capture mounts (issue 18): the person's mounts, and their exchanges as they are recorded.
  await fastify.register(mountRoutes, { publicOrigin })
  await fastify.register(captureEvents, { heartbeatMs: config.live?.heartbeatMs, team })
  // Capture mounts (issue 18): /capture/NAME/* forwarded and recorded; past the gate on the Host check alone.
  await fastify.register(capturePlugin, { sessionCookie: () => cookie.name, team })
  if (team) {
    let audit: AuditEvents | undefined
    const auditOf = () => (audit ??= new AuditEvents(fastify.store.audit, config.now))
    await fastify.register(teamPages, {
      accounts: accountsOf,
      sessions: sessionsOf,
      cookie,
      limiter,
      allowedOrigins: origins,
      ...(config.oidc ? { oidc: config.oidc.name } : {}),
    })
    if (config.oidc) {
      const settings = config.oidc
      let oidcAccounts: OidcAccounts | undefined
      await fastify.register(oidcPages, {
        client: new OidcClient(settings),
        accounts: () => (oidcAccounts ??= new OidcAccounts(fastify.store, accountsOf(), settings)),
        store: () => fastify.store,
        box: () => fastify.secretBox,
        sessions: sessionsOf,
        audit: auditOf,
        cookie,
        limiter,
        publicOrigin,
        secure: config.secureCookies ?? false,
        ...(config.now ? { now: config.now } : {}),
      })
    }
  }

  await fastify.register(webApp, {
    cookie,
    sessions: sessionsOf,
    limiter,
    team,
    webDist: config.webDist,
    viteUrl: config.viteUrl,
  })
}

/** Not encapsulated, so tests reach the services it decorates from the instance buildServer returns. The CLI opens services without it. */
export const app = fp(courier, { name: 'courier' })
