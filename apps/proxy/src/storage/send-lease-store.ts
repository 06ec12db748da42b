import { sql, type Kysely } from 'kysely'
import { newId } from '../ids.js'
import { isSqlite } from './dialect.js'
import type { Database } from './schema.js'

/** The window the sends-per-minute limit counts in. */
export const MINUTE_MS = 60_000

export type SendLimits = { sendsPerMinute: number; concurrentSends: number }

/** A granted lease, or why none was: a limit reached, how many count against it, when to try again. */
export type LeaseGrant =
  { ok: true; id: string } | { ok: false; limit: 'per-minute' | 'concurrent'; count: number; retryAfterSeconds: number }

/**
 * Leases on sends, one row per send, in the database every instance shares: the count of a person's
 * sends in flight and in the last minute is the same whichever instance asks.
 */
export interface SendLeaseStore {
  /** Takes a lease for `userId` unless a limit is reached; `ttlMs` is how long it holds unrenewed. */
  acquire(userId: string, limits: SendLimits, now: number, ttlMs: number): Promise<LeaseGrant>
  /** Keeps an unfinished lease alive until `now + ttlMs`. */
  renew(id: string, now: number, ttlMs: number): Promise<void>
  /** The send ended: it no longer counts as in flight (it still counts in its minute). */
  release(id: string, now: number): Promise<void>
}

const iso = (ms: number) => new Date(ms).toISOString()

export function createSendLeaseStore(db: Kysely<Database>): SendLeaseStore {
  const sqlite = isSqlite(db)
  return {
    acquire(userId, limits, now, ttlMs) {
      return db.transaction().execute(async (tx) => {
        // One person's acquisitions queue behind each other across instances (PostgreSQL); SQLite
        // runs one write transaction at a time anyway.
        if (!sqlite) await sql`select pg_advisory_xact_lock(hashtext(${`courier.send:${userId}`}))`.execute(tx)
        const windowStart = iso(now - MINUTE_MS)
        const at = iso(now)
        await tx
          .deleteFrom('send_leases')
          .where('user_id', '=', userId)
          .where('started_at', '<', windowStart)
          .where((eb) => eb.or([eb('ended_at', 'is not', null), eb('expires_at', '<', at)]))
          .execute()
        const inFlight = await tx
          .selectFrom('send_leases')
          .select((eb) => eb.fn.countAll<string | number>().as('n'))
          .where('user_id', '=', userId)
          .where('ended_at', 'is', null)
          .where('expires_at', '>', at)
          .executeTakeFirstOrThrow()
        if (Number(inFlight.n) >= limits.concurrentSends)
          return { ok: false, limit: 'concurrent', count: Number(inFlight.n), retryAfterSeconds: 1 } as const
        const recent = await tx
          .selectFrom('send_leases')
          .select((eb) => [eb.fn.countAll<string | number>().as('n'), eb.fn.min('started_at').as('oldest')])
          .where('user_id', '=', userId)
          .where('started_at', '>', windowStart)
          .executeTakeFirstOrThrow()
        if (Number(recent.n) >= limits.sendsPerMinute) {
          const freesAt = Date.parse(String(recent.oldest)) + MINUTE_MS
          const retryAfterSeconds = Math.max(1, Math.ceil((freesAt - now) / 1000))
          return { ok: false, limit: 'per-minute', count: Number(recent.n), retryAfterSeconds } as const
        }
        const id = newId()
        await tx
          .insertInto('send_leases')
          .values({ id, user_id: userId, started_at: at, expires_at: iso(now + ttlMs), ended_at: null })
          .execute()
        return { ok: true, id } as const
      })
    },
    async renew(id, now, ttlMs) {
      await db
        .updateTable('send_leases')
        .set({ expires_at: iso(now + ttlMs) })
        .where('id', '=', id)
        .where('ended_at', 'is', null)
        .execute()
    },
    async release(id, now) {
      await db
        .updateTable('send_leases')
        .set({ ended_at: iso(now) })
        .where('id', '=', id)
        .execute()
    },
  }
}
