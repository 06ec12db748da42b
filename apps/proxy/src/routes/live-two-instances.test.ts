import { WORKSPACE_HEADER } from '@courier/shared'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import type { PostgresChangeBus } from '../storage/postgres-change-bus.js'
import { isEvent, openEventStream } from '../test/event-stream.js'
import { actor, startLiveServer } from '../test/live-server.js'
import { ownSchema } from '../test/postgres-schema.js'
import { tempDataDir } from '../test/temp-dir.js'

const url = process.env.TEST_DATABASE_URL

describe.runIf(url)('two instances on one PostgreSQL (TEST_DATABASE_URL)', () => {
  it(
    'pushes a change saved on instance A to a browser on instance B within a second',
    { timeout: 60_000 },
    async () => {
      const database = { kind: 'postgres', url: await ownSchema(url!, 'courier_live') } as const
      const people = { ann: actor('ann', 'Ann'), carl: actor('carl', 'Carl') }
      // Stateless instances: one database, one secret key (the data folder's), nothing else shared.
      const dataDir = tempDataDir()
      const a = await startLiveServer({ team: true, database, dataDir }, people)
      const b = await startLiveServer({ team: true, database, dataDir }, people)
      const team = await a.fastify.store.memberships.createWorkspace('Shop team', 'team', 'ann')
      await a.fastify.store.memberships.setRole(team.id, 'carl', 'editor')

      const stream = await openEventStream(`${b.origin}/api/events?workspace=${team.id}`, b.headers('ann'))
      expect(stream.status).toBe(200)
      await stream.next(isEvent('ready'))

      const inTeam = { ...a.headers('carl'), [WORKSPACE_HEADER]: team.id, host: new URL(a.origin).host }
      const save = (name: string) =>
        a.fastify.inject({ method: 'POST', url: '/api/collections', headers: inTeam, payload: { name } })
      // The first request of a fresh instance pays for warming up; the second is the one measured.
      const warm = await save('Warm-up')
      await stream.next(
        isEvent('change', (d) => d.id === warm.json<{ id: string }>().id),
        10_000,
      )
      const started = performance.now()
      const saved = await save('Orders')
      const answered = performance.now()
      expect(saved.statusCode).toBe(201)
      const id = saved.json<{ id: string }>().id
      const frame = await stream.next(
        isEvent('change', (d) => d.id === id),
        10_000,
      )
      const latency = performance.now() - started
      console.log(
        `saved on instance A (answered in ${(answered - started).toFixed(1)} ms), pushed to the browser on instance B ${latency.toFixed(1)} ms after the save began`,
      )
      expect(JSON.parse('data' in frame ? frame.data : '{}')).toMatchObject({
        workspaceId: team.id,
        kind: 'collection',
        by: { userId: 'carl', name: 'Carl' },
        instanceId: a.fastify.services.bus.instanceId,
      })
      expect(latency).toBeLessThan(1000)
      // Instance B reads what A wrote: the browser's refetch after the event sees the new collection.
      const listed = await b.call('GET', `/api/collections?workspace=${team.id}`, undefined, 'ann')
      expect((listed.json as { id: string }[]).map((c) => c.id)).toContain(id)

      // Presence lives in the database too: a page on A is seen from B.
      const reported = await a.fastify.inject({
        method: 'PUT',
        url: '/api/presence',
        headers: inTeam,
        payload: { clientId: 'carl-page', itemId: 'item-1' },
      })
      expect(reported.statusCode).toBe(200)
      await stream.next(isEvent('change', (d) => d.kind === 'presence' && d.id === 'item-1'))
      const viewers = await b.call('GET', `/api/presence?workspace=${team.id}`, undefined, 'ann')
      expect(viewers.json).toEqual([{ userId: 'carl', name: 'Carl', itemId: 'item-1' }])

      // B loses its LISTEN connection: once back, its browsers are told to refetch, and hear A again.
      const admin = new pg.Client({ connectionString: url })
      await admin.connect()
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [
        (b.fastify.services.bus as PostgresChangeBus).applicationName,
      ])
      await admin.end()
      await stream.next(isEvent('resync'), 10_000)
      const after = await save('After the drop')
      await stream.next(
        isEvent('change', (d) => d.id === after.json<{ id: string }>().id),
        10_000,
      )
      stream.close()
    },
  )
})
