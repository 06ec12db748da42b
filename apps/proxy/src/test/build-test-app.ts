import { join } from 'node:path'
import type { Writable } from 'node:stream'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { TOKEN_HEADER } from '@courier/shared'
import { onTestFinished } from 'vitest'
import type { AppConfig } from '../config.js'
import { buildServer } from '../server.js'
import { tempDataDir } from './temp-dir.js'

export { tempDataDir }

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
    ...overrides,
  }
}

export type TestApp = FastifyInstance & {
  /** `inject` as Courier's own page would call: right Host and the token. */
  api: (options: InjectOptions) => Promise<LightMyRequestResponse>
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
  return Object.assign(fastify, { api })
}
