import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { onTestFinished } from 'vitest'
import type { AppConfig } from '../config.js'
import { Accounts } from '../team/accounts.js'
import { buildTestApp, TEST_PORT, type TestApp } from './build-test-app.js'

/** Where team tests find PostgreSQL (CI and .ci/run set it to the machine's cluster). */
export const TEAM_DATABASE_URL = process.env.TEST_DATABASE_URL
export const NO_POSTGRES_TITLE = 'team server (needs PostgreSQL): no TEST_DATABASE_URL'

/**
 * A PostgreSQL schema of this test's own on the shared test database (other people's tests use
 * the same database at the same time), made empty and dropped when the test ends. The URL sets
 * search_path, so Courier's migrations and queries all land in it.
 */
export async function privateSchemaUrl(base = TEAM_DATABASE_URL!): Promise<string> {
  const schema = `courier_auth_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: base })
  await admin.connect()
  await admin.query(`CREATE SCHEMA ${schema}`)
  await admin.end()
  onTestFinished(async () => {
    const cleanup = new pg.Client({ connectionString: base })
    await cleanup.connect()
    await cleanup.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    await cleanup.end()
  })
  const url = new URL(base)
  url.searchParams.set('options', `-c search_path=${schema}`)
  return url.toString()
}

export type TeamApp = TestApp & { accounts: Accounts; origin: string; host: string }

/** The whole app in team mode on a private PostgreSQL schema; its public URL is http://127.0.0.1:TEST_PORT unless given. */
export async function buildTeamApp(overrides: Partial<AppConfig> = {}): Promise<TeamApp> {
  const url = await privateSchemaUrl()
  const app = await buildTestApp({ team: true, database: { kind: 'postgres', url }, ...overrides })
  const origin = overrides.publicUrl ?? `http://127.0.0.1:${TEST_PORT}`
  return Object.assign(app, { accounts: new Accounts(app.store, overrides.now), origin, host: new URL(origin).host })
}

/** Adds a person with a password, as `courier users add` and the set-password page would. */
export async function addPerson(app: TeamApp, email: string, password = 'a long enough password', owner = false) {
  const { user, passwordToken } = await app.accounts.addUser({ email, owner })
  const set = await app.accounts.setPassword(passwordToken, password, password)
  if (!set.ok) throw new Error(set.message)
  return user
}

/** Posts the sign-in form as the browser on Courier's own page does. */
export function postSignIn(app: TeamApp, email: string, password: string, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url: '/sign-in',
    headers: {
      host: app.host,
      origin: app.origin,
      'sec-fetch-site': 'same-origin',
      'content-type': 'application/x-www-form-urlencoded',
      ...headers,
    },
    payload: new URLSearchParams({ email, password }).toString(),
  })
}

/** The cookie pair (name=value) a response set, for a Cookie header. */
export function cookieOf(response: { headers: Record<string, unknown> }): string {
  const header = String(response.headers['set-cookie'] ?? '')
  return header.split(';')[0]!
}
