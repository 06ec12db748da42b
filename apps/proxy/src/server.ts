import type { Writable } from 'node:stream'
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify'
import { app } from './app.js'
import { TEAM_NEEDS_POSTGRES, type AppConfig } from './config.js'
import { loginLink } from './cli/open-command.js'
import { classifyAddress } from './engine/address-policy.js'
import { fullCollection, IdleRelease } from './memory/idle-release.js'
import { removeServerFile, writeServerFile } from './storage/server-file.js'
import { startMocksBeside, type MockListener } from './mock/mock-server.js'

/** `loginUrl` signs one browser in, once (`courier open` prints another); a team server has none (people sign in at `publicUrl`). */
export type RunningServer = {
  fastify: FastifyInstance
  url: string
  loginUrl: string | null
  /** Team mode: the address people open. */
  publicUrl: string | null
  /** Where mocks are served (their own listener's origin, or the team's public mock URL); null with --no-mocks. */
  mockUrl: string | null
  close: () => Promise<void>
}

/** Builds the Fastify instance with Courier's limits; tests use this with `inject` too. */
export type LogOptions = { logger?: boolean; logStream?: Writable }

/** Logs name the route, never its query string: searches and URLs people send can carry secrets. */
const serializers = {
  req: (request: FastifyRequest) => ({
    method: request.method,
    path: request.url.split('?')[0],
    remoteAddress: request.ip,
  }),
}

export async function buildServer(config: AppConfig, options: LogOptions = {}): Promise<FastifyInstance> {
  const fastify = Fastify({
    logger: options.logStream
      ? { level: 'info', stream: options.logStream, serializers }
      : options.logger
        ? { level: 'warn', serializers }
        : false,
    bodyLimit: 10 * 1024 * 1024, // request descriptions; files arrive as streamed uploads
    requestTimeout: 120_000,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    forceCloseConnections: true,
    // X-Forwarded-* count only when the operator says a reverse proxy sits in front (--trust-proxy).
    trustProxy: config.trustProxy ?? false,
  })
  await fastify.register(app, config)
  return fastify
}

function isLoopbackHost(host: string): boolean {
  if (host === 'localhost') return true
  return classifyAddress(host) === 'loopback'
}

/**
 * Listens on loopback only (a team server, whose people sign in, anywhere) and closes gracefully
 * on SIGINT/SIGTERM.
 */
export async function startServer(config: AppConfig, options: LogOptions = {}): Promise<RunningServer> {
  if (config.team && config.database.kind !== 'postgres') throw new Error(TEAM_NEEDS_POSTGRES)
  if (!config.team && !isLoopbackHost(config.host)) {
    throw new Error(
      `Courier refuses to listen on ${config.host}: without team-server authentication anyone who can reach it could use it as an open proxy. Use --host 127.0.0.1 (the default).`,
    )
  }
  // Everything Courier writes (database, WAL, bodies) is readable by this user only (docs/security.md#secrets-at-rest).
  process.umask(0o077)
  const fastify = await buildServer(config, options)
  // The heap a burst of sends grew is given back once requests stop coming (memory/idle-release.ts).
  const idle = new IdleRelease(fullCollection())
  fastify.addHook('onResponse', async () => idle.touch())
  fastify.addHook('onClose', async () => idle.stop())
  await fastify.listen({ host: config.host, port: config.port })
  const address = fastify.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const host = config.host.includes(':') ? `[${config.host}]` : config.host
  const url = `http://${host}:${port}/`
  // Mock servers answer on a port of their own (never Courier's origin): Courier's + 1 unless told, else any free one.
  let mocks: MockListener | null = null
  if (config.mocks && !config.mocks.off)
    mocks = await startMocksBeside(fastify, {
      host: config.host,
      port: config.mocks.port ?? (port > 0 && port < 65535 ? port + 1 : 0),
      anyPortIfTaken: config.mocks.port === undefined,
      publicUrl: config.mocks.publicUrl ?? null,
      logger: options.logger ?? false,
    }).catch(async (error: unknown) => {
      await fastify.close()
      throw new Error(
        `The mock servers' port could not be opened: ${error instanceof Error ? error.message : String(error)}. Choose another with --mock-port, or --no-mocks.`,
        { cause: error },
      )
    })
  // `courier open` finds this server by its data folder (0600 file in the 0700 folder).
  writeServerFile(config.dataDir, url, config.team)
  const loginUrl = config.team ? null : await loginLink(fastify.store, url, config.now)
  const publicUrl = config.team ? `${config.publicUrl ?? url.replace(/\/$/, '')}/` : null
  const mockUrl = mocks ? fastify.mocks.origin() : null
  let closing: Promise<void> | undefined
  const close = () =>
    (closing ??= (mocks ? mocks.close() : Promise.resolve())
      .then(() => fastify.close())
      .finally(() => removeServerFile(config.dataDir)))
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void close().then(() => process.exit(0))
    })
  }
  return { fastify, url, loginUrl, publicUrl, mockUrl, close }
}
