import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { CourierError } from '../errors.js'
import { SecretBox } from '../secrets/secret-box.js'
import { openStore } from '../storage/open-store.js'
import type { Store } from '../storage/store.js'
import { describePostgres, freshSchema } from '../test/postgres.js'
import { tempDataDir } from '../test/temp-dir.js'
import { UserSendLimits } from './user-limits.js'

/** A clock the test moves. */
function clock(start = Date.parse('2026-12-02T01:00:00.000Z')) {
  let now = start
  return { now: () => now, advance: (ms: number) => void (now += ms) }
}

async function refusal(pending: Promise<unknown>): Promise<CourierError> {
  const error = await pending.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  if (!(error instanceof CourierError)) throw new Error(`expected a refusal, got ${String(error)}`)
  return error
}

/**
 * The limits' behaviour over two stores: `open()` answers two stores on the same database (two
 * instances of a team server), or the same store twice where the dialect has one process only.
 */
function describeUserLimits(name: string, open: () => Promise<[Store, Store]>) {
  describe(`per-person send limits (${name})`, () => {
    it('refuses the send over the per-minute limit with Retry-After, and allows it once the minute has passed', async () => {
      const [a, b] = await open()
      const time = clock()
      const limits = { sendsPerMinute: 3, concurrentSends: 10 }
      const one = new UserSendLimits(a.sendLeases, limits, time)
      const two = new UserSendLimits(b.sendLeases, limits, time)
      await (await one.acquire('ana')).release()
      time.advance(10_000)
      await (await two.acquire('ana')).release()
      await (await one.acquire('ana')).release()
      const error = await refusal(two.acquire('ana'))
      expect(error.code).toBe('USER_SEND_LIMIT')
      expect(error.statusCode).toBe(429)
      expect(error.message).toBe(
        'You sent 3 requests in the last minute, the limit per person on this server; wait 50 seconds, then send again.',
      )
      expect(error.extra.retryAfterSeconds).toBe(50)
      // Someone else is not held back by Ana's sends.
      await (await two.acquire('ben')).release()
      time.advance(50_001)
      await (await one.acquire('ana')).release()
    })

    it('counts sends in flight on every instance against the concurrent limit', async () => {
      const [a, b] = await open()
      const time = clock()
      const limits = { sendsPerMinute: 100, concurrentSends: 2 }
      const one = new UserSendLimits(a.sendLeases, limits, time)
      const two = new UserSendLimits(b.sendLeases, limits, time)
      const first = await one.acquire('ana')
      await two.acquire('ana')
      const error = await refusal(one.acquire('ana'))
      expect(error.code).toBe('USER_SEND_LIMIT')
      expect(error.message).toMatch(/^2 of your requests are already in flight/)
      expect(error.extra.retryAfterSeconds).toBe(1)
      await first.release()
      await (await two.acquire('ana')).release()
    })

    it('stops counting the leases of an instance that died once they expire', async () => {
      const [a, b] = await open()
      const time = clock()
      const limits = { sendsPerMinute: 100, concurrentSends: 1 }
      // Instance one takes a lease and never renews or releases it (it crashed).
      await a.sendLeases.acquire('ana', limits, time.now(), 30_000)
      const two = new UserSendLimits(b.sendLeases, limits, { ...time, ttlMs: 30_000 })
      expect((await refusal(two.acquire('ana'))).code).toBe('USER_SEND_LIMIT')
      time.advance(30_001)
      await (await two.acquire('ana')).release()
    })

    it('grants exactly the limit when many sends ask at the same moment on both instances', async () => {
      const [a, b] = await open()
      const time = clock()
      const limits = { sendsPerMinute: 100, concurrentSends: 3 }
      const instances = [new UserSendLimits(a.sendLeases, limits, time), new UserSendLimits(b.sendLeases, limits, time)]
      const outcomes = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => instances[i % 2]!.acquire('ana')))
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(3)
      for (const outcome of outcomes) if (outcome.status === 'fulfilled') await outcome.value.release()
    })
  })
}

describeUserLimits('sqlite', async () => {
  const dir = tempDataDir()
  const store = await openStore({ kind: 'sqlite', path: join(dir, 'courier.sqlite') }, new SecretBox(randomBytes(32)))
  onTestFinished(() => store.close())
  return [store, store]
})

describePostgres('per-person send limits on PostgreSQL (TEST_DATABASE_URL)', (url) => {
  describeUserLimits('postgres, two instances', async () => {
    const schema = await freshSchema(url, 'courier_limits')
    const box = new SecretBox(randomBytes(32))
    const a = await openStore({ kind: 'postgres', url: schema.url }, box)
    const b = await openStore({ kind: 'postgres', url: schema.url }, box)
    onTestFinished(async () => {
      await a.close()
      await b.close()
      await schema.drop()
    })
    return [a, b]
  })
})
