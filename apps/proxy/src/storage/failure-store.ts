import type { Kysely } from 'kysely'
import { newId } from '../ids.js'
import type { Database } from './schema.js'

/**
 * Failed credentials per client address (migration 0018), in the database every instance shares,
 * so a guesser spreading attempts over several instances is counted once.
 */
export interface FailureStore {
  /** Failures of `client` at or after `since` (epoch ms). */
  count(client: string, since: number): Promise<number>
  /** Records one failure of `client` at `at`, drops every row older than `since`, and answers `count(client, since)` with it. */
  add(client: string, at: number, since: number): Promise<number>
}

const iso = (ms: number) => new Date(ms).toISOString()

export function createFailureStore(db: Kysely<Database>): FailureStore {
  const count = async (client: string, since: number) => {
    const row = await db
      .selectFrom('credential_failures')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('client', '=', client)
      .where('at', '>=', iso(since))
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }
  return {
    count,
    async add(client, at, since) {
      // Insert, then count: the count includes this failure and every one committed before it, so
      // two instances recording at once both see both.
      await db
        .insertInto('credential_failures')
        .values({ id: newId(), client, at: iso(at) })
        .execute()
      await db.deleteFrom('credential_failures').where('at', '<', iso(since)).execute()
      return count(client, since)
    },
  }
}
