import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import type { DatabaseTarget } from './storage/database.js'
import { defaultDataDir } from './storage/data-dir.js'

export type AppConfig = {
  host: string
  port: number
  dataDir: string
  database: DatabaseTarget
  /** The built web app to serve, or null when it is not built. */
  webDist: string | null
  /** In development, the Vite dev server the app fronts (HMR included). */
  viteUrl: string | null
  /**
   * In-process secret for `inject` (`courier run`, tests): never served, printed or stored.
   * Browsers sign in with a one-time login link and a session cookie instead (docs/security.md#who-may-drive-courier).
   */
  token: string
  /** Mark the session cookie Secure: for a team server whose public URL is https. */
  secureCookies?: boolean
  /** The clock sessions and login links expire by; tests inject one. */
  now?: () => number
  version: string
  /** Largest file the browser may upload (multipart parts, binary bodies). */
  maxUploadBytes: number
  /** Extra trusted CA certificates (PEM) for every send, from COURIER_EXTRA_CA_FILE. */
  extraCa: string[]
}

const here = dirname(fileURLToPath(import.meta.url))

/** The proxy package's root, whether running from src/ (tsx) or dist/ (bundled). */
export const packageRoot = resolve(here, '..')

export const version: string = (() => {
  try {
    return (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version
  } catch {
    return '0.0.0'
  }
})()

const EnvSchema = z.object({
  COURIER_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  COURIER_HOST: z.string().optional(),
  DATABASE_URL: z.string().optional(),
  COURIER_WEB_DIST: z.string().optional(),
  COURIER_VITE_URL: z.string().optional(),
  COURIER_MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(10_240).default(100),
  COURIER_EXTRA_CA_FILE: z.string().optional(),
})

export type ConfigFlags = { port?: number; host?: string; dataDir?: string; dev?: boolean }

export const DEFAULT_PORT = 3210

/** Builds the configuration from flags and the environment; throws with every bad variable named. */
export function loadConfig(flags: ConfigFlags = {}, env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')
    throw new Error(`Invalid environment: ${problems}`)
  }
  const e = parsed.data
  const dataDir = resolve(flags.dataDir ?? defaultDataDir(env))
  const webDist = e.COURIER_WEB_DIST ?? resolve(packageRoot, '..', 'web', 'dist')
  return {
    host: flags.host ?? e.COURIER_HOST ?? '127.0.0.1',
    port: flags.port ?? e.COURIER_PORT ?? e.PORT ?? DEFAULT_PORT,
    dataDir,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'sqlite', path: join(dataDir, 'courier.sqlite') },
    webDist: existsSync(join(webDist, 'index.html')) ? webDist : null,
    viteUrl: flags.dev ? (e.COURIER_VITE_URL ?? 'http://127.0.0.1:5173') : null,
    token: randomBytes(32).toString('base64url'),
    version,
    maxUploadBytes: e.COURIER_MAX_UPLOAD_MB * 1024 * 1024,
    extraCa: e.COURIER_EXTRA_CA_FILE ? [readFileSync(e.COURIER_EXTRA_CA_FILE, 'utf8')] : [],
  }
}
