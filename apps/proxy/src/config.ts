import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { AllowList, AllowListError } from './engine/allow-list.js'
import type { DatabaseTarget } from './storage/database.js'
import { defaultDataDir } from './storage/data-dir.js'
import { oidcSettingsFrom, type OidcSettings } from './team/oidc-settings.js'

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
  /** Team mode (`courier serve --team`): people sign in, work is scoped by workspace and role. */
  team?: boolean
  /** Mark the session cookie Secure: for a team server whose public URL is https. */
  secureCookies?: boolean
  /** Live changes and presence: heartbeat and expiry times (tests shorten them). */
  live?: { heartbeatMs?: number; presenceTtlMs?: number }
  /** The page's realtime socket: its heartbeat and back-pressure marks in bytes (tests shorten them). */
  realtime?: { heartbeatMs?: number; highWaterBytes?: number; maxPendingBytes?: number }
  /** Team mode: the origin people open (`--public-url`); Host and Origin allow-lists derive from it. */
  publicUrl?: string
  /** Fastify's trustProxy: X-Forwarded-* count only with it (true, or the proxy's addresses). */
  trustProxy?: boolean | string[]
  /** The clock sessions and login links expire by; tests inject one. */
  now?: () => number
  version: string
  /** Largest file the browser may upload (multipart parts, binary bodies). */
  maxUploadBytes: number
  /** Extra trusted CA certificates (PEM) for every send, from COURIER_EXTRA_CA_FILE. */
  extraCa: string[]
  /** The admin's exceptions to the destination policy (COURIER_ALLOW_TARGETS, --allow-target). */
  allowTargets?: AllowList
  /** Team mode: each person's sends per minute and sends at once (COURIER_USER_SENDS_PER_MINUTE, COURIER_USER_CONCURRENT_SENDS). */
  userLimits?: UserLimits
  /** Team mode: OpenID Connect sign-in beside passwords (COURIER_OIDC_*), when configured. */
  oidc?: OidcSettings
  /**
   * Mock servers (issue 18), served by a listener of their own beside Courier's: `off` opens none
   * (`--no-mocks`); `port` (`--mock-port`, COURIER_MOCK_PORT; 0 any free one) else Courier's port + 1,
   * or any free one when that is taken; `publicUrl` (team mode, `--mock-public-url`,
   * COURIER_MOCK_PUBLIC_URL) the stable origin the team reaches them at. Absent: none (tests).
   */
  mocks?: MockConfig
  /**
   * Issue 19: the folder the local workspace is kept in as files (`--workspace DIR`,
   * COURIER_WORKSPACE), absolute; Settings cannot change it while set. Local mode only.
   */
  workspaceDir?: string
}

export type MockConfig = { off: boolean; port?: number; publicUrl?: string }

export type UserLimits = { sendsPerMinute: number; concurrentSends: number }
export const DEFAULT_USER_LIMITS: UserLimits = { sendsPerMinute: 120, concurrentSends: 8 }

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
  COURIER_ALLOW_TARGETS: z.string().optional(),
  COURIER_USER_SENDS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
  COURIER_USER_CONCURRENT_SENDS: z.coerce.number().int().min(1).max(10_000).default(8),
  COURIER_PUBLIC_URL: z.string().optional(),
  COURIER_TRUST_PROXY: z.string().optional(),
  COURIER_MOCK_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  COURIER_MOCK_PUBLIC_URL: z.string().optional(),
  COURIER_WORKSPACE: z.string().optional(),
})

export type ConfigFlags = {
  port?: number
  host?: string
  dataDir?: string
  dev?: boolean
  /** `courier serve --team` (and the team commands: users, tokens). */
  team?: boolean
  publicUrl?: string
  trustProxy?: boolean
  /** `--allow-target`, repeatable: added to COURIER_ALLOW_TARGETS. */
  allowTargets?: string[]
  /** `--mock-port N` (0: any free port). */
  mockPort?: number
  /** `--no-mocks`: open no mock listener. */
  noMocks?: boolean
  /** `--mock-public-url URL` (team mode). */
  mockPublicUrl?: string
  /** `--workspace DIR`: keep the local workspace as files in DIR (issue 19). */
  workspace?: string
}

/** The allow-list from the environment and the flags; a bad entry throws a sentence naming it. */
function allowTargetsFrom(env: string | undefined, flags: readonly string[] = []): AllowList {
  try {
    return AllowList.parse([
      ...AllowList.parse(env ? [env] : []).entries,
      ...AllowList.parse(flags, '--allow-target').entries,
    ])
  } catch (error) {
    if (error instanceof AllowListError) throw new Error(`Invalid allow-list entry: ${error.message}`, { cause: error })
    throw error
  }
}

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
  const team = flags.team ? teamSettings(flags, e, env) : {}
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
    allowTargets: allowTargetsFrom(e.COURIER_ALLOW_TARGETS, flags.allowTargets),
    userLimits: { sendsPerMinute: e.COURIER_USER_SENDS_PER_MINUTE, concurrentSends: e.COURIER_USER_CONCURRENT_SENDS },
    mocks: mockConfig(flags, e, flags.team ?? false, team.publicUrl),
    ...workspaceDirOf(flags.workspace ?? e.COURIER_WORKSPACE, flags.team ?? false),
    ...team,
  }
}

/** `--workspace DIR` resolved against the working folder; a team server keeps its workspaces in its database. */
function workspaceDirOf(given: string | undefined, team: boolean): { workspaceDir?: string } {
  if (!given) return {}
  if (team)
    throw new Error(
      '--workspace (COURIER_WORKSPACE) is for Courier on your own machine; a team server keeps its workspaces in its database.',
    )
  return { workspaceDir: resolve(given) }
}

/** The mock listener's settings; the public mock URL is a team server's (its people reach mocks there). */
function mockConfig(
  flags: ConfigFlags,
  e: { COURIER_MOCK_PORT?: number; COURIER_MOCK_PUBLIC_URL?: string },
  team: boolean,
  courierOrigin: string | undefined,
): MockConfig {
  const given = flags.mockPublicUrl ?? e.COURIER_MOCK_PUBLIC_URL
  if (given && !team)
    throw new Error(
      '--mock-public-url (COURIER_MOCK_PUBLIC_URL) is for a team server (courier serve --team); single-user Courier serves mocks on 127.0.0.1.',
    )
  const publicUrl = given ? originOf(given, '--mock-public-url', 'https://mocks.courier.example.com') : undefined
  if (publicUrl && publicUrl === courierOrigin)
    throw new Error(
      `--mock-public-url must be another origin than Courier's own (${courierOrigin}): mock answers are content anyone who edits a collection controls, and must not run where Courier's pages do.`,
    )
  const port = flags.mockPort ?? e.COURIER_MOCK_PORT
  return { off: flags.noMocks ?? false, ...(port === undefined ? {} : { port }), ...(publicUrl ? { publicUrl } : {}) }
}

export const TEAM_NEEDS_POSTGRES =
  'courier serve --team needs PostgreSQL: a whole team’s work, and several Courier instances behind a load balancer, share one database, which a SQLite file on one machine cannot be. Set DATABASE_URL=postgres://user:password@host:5432/courier and start again.'

export const TEAM_NEEDS_KEY =
  'courier serve --team needs COURIER_SECRET_KEY: the data key that seals secrets at rest, the same on every instance (a key file in one data folder would differ between instances). Make one with `openssl rand -base64 32`, keep it safe, and set COURIER_SECRET_KEY to it.'

export const TEAM_WEAK_KEY =
  'COURIER_SECRET_KEY is not a strong key: it must be 32 random bytes in base64 (44 characters), not a password or a repeated pattern. Make one with `openssl rand -base64 32`.'

/** A key of 32 random bytes: base64 of exactly 32 bytes, with the variety random bytes have. */
export function isStrongKey(text: string): boolean {
  const trimmed = text.trim()
  if (!/^[A-Za-z0-9+/_-]+=*$/.test(trimmed)) return false
  const key = Buffer.from(trimmed, 'base64')
  // 32 random bytes have about 30 distinct values; fewer than 16 is a pattern, not a key.
  return key.length === 32 && new Set(key).size >= 16
}

/** The origin of `--public-url`: http(s), nothing after the host but `/`. */
function publicOrigin(text: string): string {
  return originOf(text, '--public-url', 'https://courier.example.com')
}

/** The origin an `--…-url` flag names: http(s), nothing after the host but `/`; else a sentence naming the flag. */
function originOf(text: string, flag: string, example: string): string {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new Error(`${flag} "${text}" is not a URL; give the address people open, e.g. ${example}.`)
  }
  if (
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    url.pathname !== '/' ||
    url.search ||
    url.hash ||
    url.username
  )
    throw new Error(
      `${flag} must be an http:// or https:// origin without a path, e.g. ${example} (served at the root), not "${text}".`,
    )
  return url.origin
}

/**
 * The team server's settings, or an Error whose message says what to fix: PostgreSQL, a strong
 * shared data key, the public URL (cookies Secure when it is https), and whether to trust a
 * reverse proxy's X-Forwarded-* headers.
 */
export function teamSettings(
  flags: ConfigFlags,
  e: { DATABASE_URL?: string; COURIER_PUBLIC_URL?: string; COURIER_TRUST_PROXY?: string },
  env: NodeJS.ProcessEnv,
): Partial<AppConfig> {
  if (!e.DATABASE_URL || !/^postgres(ql)?:\/\//.test(e.DATABASE_URL)) throw new Error(TEAM_NEEDS_POSTGRES)
  if (!env.COURIER_SECRET_KEY) throw new Error(TEAM_NEEDS_KEY)
  if (!isStrongKey(env.COURIER_SECRET_KEY)) throw new Error(TEAM_WEAK_KEY)
  const given = flags.publicUrl ?? e.COURIER_PUBLIC_URL
  const publicUrl = given ? publicOrigin(given) : undefined
  const addresses = e.COURIER_TRUST_PROXY?.split(',')
    .map((a) => a.trim())
    .filter(Boolean)
  const oidc = oidcSettingsFrom(env)
  return {
    team: true,
    ...(oidc ? { oidc } : {}),
    publicUrl,
    secureCookies: publicUrl?.startsWith('https:') ?? false,
    trustProxy: flags.trustProxy ? (addresses?.length ? addresses : true) : false,
  }
}
