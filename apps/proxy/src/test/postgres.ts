import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { describe, it } from 'vitest'

/** The PostgreSQL the suites run against: `npm test` and .ci/with-postgres.mjs always set it. */
export const postgresUrl: string | undefined = process.env.TEST_DATABASE_URL || undefined

/** Why this run must not skip PostgreSQL tests, or undefined when it may. */
function requirement(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.COURIER_REQUIRE_POSTGRES === '1') return 'COURIER_REQUIRE_POSTGRES=1'
  if (['true', '1'].includes(env.CI ?? '')) return 'CI=true'
  return undefined
}

/**
 * A describe block that needs PostgreSQL: it runs when TEST_DATABASE_URL is set; without it, it
 * fails where PostgreSQL is required (CI, `npm test`) and is skipped elsewhere, with a title that
 * says why (.ci/test-all.mjs repeats the top-level title of skipped tests in its summary line).
 */
export function describePostgres(
  title: string,
  body: (url: string) => void,
  skippedTitle = `${title}: no TEST_DATABASE_URL`,
) {
  const url = postgresUrl
  const required = requirement()
  if (!url && required) {
    it(`${title} has a TEST_DATABASE_URL to run against`, () => {
      throw new Error(
        `${required} but TEST_DATABASE_URL is not set: this run must not skip the PostgreSQL tests. Run them through \`npm test\` or \`node .ci/with-postgres.mjs <command>\` (either finds or starts a PostgreSQL), or set TEST_DATABASE_URL=postgres://user:password@host:5432/database.`,
      )
    })
    return
  }
  describe.runIf(url)(url ? title : skippedTitle, () => body(url!))
}

/** One connection to `url` for `work`, ended afterwards whatever happens. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/**
 * A new, empty schema of its own on the database at `url`, so suites that run at the same time
 * never see each other's tables. Answers a URL whose connections use it (search_path) and a
 * function that drops it.
 */
export async function freshSchema(
  url: string,
  prefix: string,
): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`
  await withClient(url, (client) => client.query(`CREATE SCHEMA ${client.escapeIdentifier(name)}`))
  // Not `new URL`: a socket address (postgres://user:pw@/db?host=/run/postgresql) is not a WHATWG URL.
  const scoped = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${name}`)}`
  return {
    name,
    url: scoped,
    drop: () =>
      withClient(url, (client) => client.query(`DROP SCHEMA ${client.escapeIdentifier(name)} CASCADE`)).then(() => {}),
  }
}
