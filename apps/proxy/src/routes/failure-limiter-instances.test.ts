import { endpoints } from '@courier/shared'
import pg from 'pg'
import { expect, it } from 'vitest'
import { buildTestApp } from '../test/build-test-app.js'
import { describePostgres, freshSchema } from '../test/postgres.js'
import { addPerson, cookieOf, postSignIn, type TeamApp } from '../test/team-kit.js'
import { Accounts } from '../team/accounts.js'
import { onTestFinished } from 'vitest'

const PASSWORD = 'correct horse battery'

/** Two team-server instances on one PostgreSQL schema, sharing a clock the test moves. */
async function twoInstances(url: string, now: () => number): Promise<[TeamApp, TeamApp, string]> {
  const schema = await freshSchema(url, 'courier_limiter')
  onTestFinished(schema.drop)
  const one = async () => {
    const app = await buildTestApp({ team: true, database: { kind: 'postgres', url: schema.url }, now })
    const origin = 'http://127.0.0.1:3999'
    return Object.assign(app, { accounts: new Accounts(app.store, now), origin, host: new URL(origin).host })
  }
  return [await one(), await one(), schema.url]
}

const withToken = (app: TeamApp, token: string) =>
  app.inject({ method: 'GET', url: endpoints.me.path, headers: { host: app.host, authorization: `Bearer ${token}` } })

describePostgres('the failure limiter on a team server', (url) => {
  it('counts failures spread over two instances together, refuses the next on either, and lets the right password in after the minute', async () => {
    let now = Date.parse('2026-05-01T09:00:00Z')
    const [a, b, schemaUrl] = await twoInstances(url, () => now)
    await addPerson(a, 'ana@example.com', PASSWORD)
    const forged = `courier_${'A'.repeat(43)}`

    // 30 failures, half on each instance: wrong passwords on A, unknown API tokens on B.
    for (let i = 0; i < 15; i++) {
      expect((await postSignIn(a, 'ana@example.com', `guess ${i}`)).statusCode).toBe(401)
      expect((await withToken(b, forged)).statusCode).toBe(401)
      now += 1000
    }
    // The 31st, on B, is over the limit of both together.
    const limited = await postSignIn(b, 'ana@example.com', 'guess 31')
    expect(limited.statusCode).toBe(429)
    expect(limited.headers['retry-after']).toBe('60')
    expect(limited.body).toContain('Too many failed attempts')
    const token = await withToken(a, forged)
    expect(token.statusCode).toBe(429)
    expect(token.json().error.code).toBe('RATE_LIMITED')
    expect(token.headers['retry-after']).toBe('60')
    // While the limit holds, not even the right password is checked, on either instance.
    for (const app of [a, b]) {
      const right = await postSignIn(app, 'ana@example.com', PASSWORD)
      expect(right.statusCode).toBe(429)
      expect(right.headers['set-cookie']).toBeUndefined()
    }

    now += 61_000
    const signedIn = await postSignIn(b, 'ana@example.com', PASSWORD)
    expect(signedIn.statusCode).toBe(303)
    expect(cookieOf(signedIn)).toMatch(/^courier_session=/)

    // Old failures are pruned as new ones come in: one row is left, the one just made.
    expect((await withToken(a, forged)).statusCode).toBe(401)
    const client = new pg.Client({ connectionString: schemaUrl })
    await client.connect()
    const rows = await client.query('SELECT client FROM credential_failures')
    await client.end()
    expect(rows.rows).toEqual([{ client: '127.0.0.1' }])
  }, 120_000)
})
