import { join } from 'node:path'
import type { Writable } from 'node:stream'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { TOKEN_HEADER } from '@courier/shared'
import { onTestFinished } from 'vitest'
import type { AppConfig } from '../config.js'
import { buildServer } from '../server.js'
import { AllowList } from '../engine/allow-list.js'
import { tempDataDir } from './temp-dir.js'

export { tempDataDir }
import { csrfFor, Sessions } from '../storage/sessions.js'

export const TEST_PORT = 3999
export const TEST_TOKEN = 'test-token-0123456789abcdef0123456789abcdef'

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  const dataDir = overrides.dataDir ?? tempDataDir()
  return {
    host: '127.0.0.1',
    port: TEST_PORT,
    dataDir,
    database: { kind: 'sqlite', path: join(dataDir, 'courier.sqlite') },
    webDist: null,
    viteUrl: null,
    token: TEST_TOKEN,
    version: '0.0.0-test',
    maxUploadBytes: 100 * 1024 * 1024,
    extraCa: [],
    // Team mode sends only to public addresses; its test apps reach the tests' upstreams on loopback
    // as an admin's allow-list would let them (send/team-destinations.test.ts passes its own list).
    ...(overrides.team && !overrides.allowTargets ? { allowTargets: AllowList.parse(['127.0.0.0/8', '::1']) } : {}),
    ...overrides,
  }
}

/** A browser signed in through a login link: its session cookie and the page's CSRF token. */
export type SignedIn = {
  /** `name=value`, for a Cookie header. */
  cookie: string
  csrf: string
  /** `inject` as the signed-in page would call: right Host, the cookie and the CSRF token. */
  page: (options: InjectOptions) => Promise<LightMyRequestResponse>
}

export type TestApp = FastifyInstance & {
  /** `inject` as Courier's own code in-process would call: right Host and the in-process secret. */
  api: (options: InjectOptions) => Promise<LightMyRequestResponse>
  /** Mints a login link (as `courier open` does), opens it and answers the signed-in browser. */
  signIn: () => Promise<SignedIn>
}

/** Signs a browser in on `fastify` by opening a freshly minted login link. */
export async function signIn(fastify: FastifyInstance, host = `127.0.0.1:${TEST_PORT}`): Promise<SignedIn> {
  const token = await new Sessions(fastify.store.sessions).mintLoginToken()
  const login = await fastify.inject({ method: 'GET', url: `/login?token=${token}`, headers: { host } })
  const setCookie = String(login.headers['set-cookie'] ?? '')
  const cookie = setCookie.split(';')[0]!
  if (login.statusCode !== 200 || !cookie.includes('='))
    throw new Error(`sign-in failed: ${login.statusCode} ${setCookie}`)
  const csrf = csrfFor(cookie.slice(cookie.indexOf('=') + 1))
  const page = (options: InjectOptions) =>
    fastify.inject({
      ...options,
      headers: { host, cookie, [TOKEN_HEADER]: csrf, 'sec-fetch-site': 'same-origin', ...(options.headers ?? {}) },
    })
  return { cookie, csrf, page }
}

/** The whole app on a temp SQLite file, closed when the test ends. */
export async function buildTestApp(overrides: Partial<AppConfig> & { logStream?: Writable } = {}): Promise<TestApp> {
  const { logStream, ...config } = overrides
  const fastify = await buildServer(testConfig(config), { logStream })
  await fastify.ready()
  onTestFinished(() => fastify.close())
  const api = (options: InjectOptions) =>
    fastify.inject({
      ...options,
      headers: { host: `127.0.0.1:${TEST_PORT}`, [TOKEN_HEADER]: TEST_TOKEN, ...(options.headers ?? {}) },
    })
  return Object.assign(fastify, { api, signIn: () => signIn(fastify) })
}
