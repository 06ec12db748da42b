import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import type { ChangeBus } from '../ports/change-bus.js'
import { changeEvent, describeChangeBus, nextMessage } from './change-bus-contract.js'
import { PostgresChangeBus } from './postgres-change-bus.js'

const url = process.env.TEST_DATABASE_URL

describe.runIf(url)('PostgreSQL LISTEN/NOTIFY bus (TEST_DATABASE_URL)', () => {
  // Each test run has its own channel: other runs on the same database never hear these events.
  const channel = `courier_test_${randomBytes(6).toString('hex')}`
  const opened: ChangeBus[] = []
  const open = async () => {
    const bus = await PostgresChangeBus.open({ url: url!, channel, backoff: { firstMs: 20, maxMs: 200 } })
    opened.push(bus)
    return bus
  }
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((b) => b.close()))
  })

  describeChangeBus('postgres', open)

  it('passes an event from one instance to another on the same database, and not back to itself', async () => {
    const a = await open()
    const b = await open()
    const echoes: unknown[] = []
    a.subscribe('ws-a', (m) => echoes.push(m))
    const arriving = nextMessage(b, 'ws-a')
    const event = changeEvent(a, 'ws-a')
    const started = performance.now()
    await a.publish(event)
    expect(await arriving).toEqual({ type: 'change', event })
    console.log(`NOTIFY from instance A reached instance B in ${(performance.now() - started).toFixed(1)} ms`)
    // B's own event round-trips to A; by then A's own NOTIFY echo has come and gone too.
    const back = nextMessage(a, 'ws-a', (m) => m.type === 'change' && m.event.instanceId === b.instanceId)
    await b.publish(changeEvent(b, 'ws-a'))
    await back
    expect(echoes).toEqual([{ type: 'change', event }, expect.objectContaining({ type: 'change' })])
  })

  it('ignores other workspaces and payloads that are not events', async () => {
    const a = await open()
    const b = await open()
    const heard: unknown[] = []
    b.subscribe('ws-b', (m) => heard.push(m))
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    await client.query('SELECT pg_notify($1, $2)', [channel, '{"not":"an event"}'])
    await client.query('SELECT pg_notify($1, $2)', [channel, 'not json'])
    await client.end()
    await a.publish(changeEvent(a, 'ws-a'))
    const marker = nextMessage(b, 'ws-b')
    await a.publish(changeEvent(a, 'ws-b', 'marker'))
    expect(await marker).toMatchObject({ event: { id: 'marker' } })
    expect(heard).toHaveLength(1)
  })

  it('reconnects a dropped LISTEN connection, tells subscribers to refetch, and hears events again', async () => {
    const a = (await open()) as PostgresChangeBus
    const b = await open()
    const resync = nextMessage(a, 'ws-a', (m) => m.type === 'resync')
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    const killed = await admin.query<{ done: boolean }>(
      'SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE application_name = $1',
      [a.applicationName],
    )
    await admin.end()
    expect(killed.rows).toEqual([{ done: true }])
    expect(await resync).toEqual({ type: 'resync' })
    const arriving = nextMessage(a, 'ws-a', (m) => m.type === 'change')
    const event = changeEvent(b, 'ws-a')
    await b.publish(event)
    expect(await arriving).toEqual({ type: 'change', event })
  })
})
