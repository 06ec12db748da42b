import { randomBytes } from 'node:crypto'
import { GLOBALS_ID } from '@courier/shared'
import { expect, it, onTestFinished, vi } from 'vitest'
import { SecretBox } from '../secrets/secret-box.js'
import { describePostgres, freshSchema, withClient } from '../test/postgres.js'
import { tempDataDir } from '../test/temp-dir.js'
import { openStore } from './open-store.js'
import { PostgresChangeBus } from './postgres-change-bus.js'

const variable = (name: string, value: string) => ({ name, value, enabled: true, secret: false })

describePostgres('the read cache across instances on one PostgreSQL', (url) => {
  /** Two instances (store + bus each) on one fresh schema, sharing a NOTIFY channel of their own. */
  async function twoInstances(backoffOfA = { firstMs: 20, maxMs: 200 }) {
    const schema = await freshSchema(url, 'courier_cache')
    onTestFinished(schema.drop)
    const box = SecretBox.open(tempDataDir())
    const channel = `courier_test_${randomBytes(6).toString('hex')}`
    const open = async (backoff = { firstMs: 20, maxMs: 200 }) => {
      const store = await openStore({ kind: 'postgres', url: schema.url }, box)
      const bus = await PostgresChangeBus.open({ url: schema.url, channel, backoff })
      onTestFinished(async () => {
        await bus.close()
        await store.close()
      })
      store.shareReadCache(bus.cacheSignal)
      return { store, bus }
    }
    const a = await open(backoffOfA)
    const b = await open()
    /** Behind every store's back: what a read from memory would not see. */
    const sql = (text: string, values: unknown[] = []) => withClient(schema.url, (client) => client.query(text, values))
    return { a, b, sql }
  }

  it('keeps environments and settings in memory, and drops them when another instance writes them', async () => {
    const { a, b, sql } = await twoInstances()
    const env = await a.store.environments.create('Staging', [variable('host', 'a.test')])
    await a.store.settings.put('app', { theme: 'dark' })
    expect((await a.store.environments.get(env.id))?.name).toBe('Staging')
    expect(await a.store.settings.get('app')).toEqual({ theme: 'dark' })

    // Kept in memory: a change behind the stores' backs is not read.
    await sql(`UPDATE environments SET name = 'Renamed' WHERE id = $1`, [env.id])
    await sql(`UPDATE settings SET value_json = '{"theme":"light"}' WHERE key = 'app'`)
    expect((await a.store.environments.get(env.id))?.name).toBe('Staging')
    expect(await a.store.settings.get('app')).toEqual({ theme: 'dark' })

    // Another instance writes: its NOTIFY reaches this one, which reads the database again.
    const current = (await b.store.environments.get(env.id))!
    await b.store.environments.update(env.id, { version: current.version, variables: [variable('host', 'b.test')] })
    await vi.waitFor(async () => expect((await a.store.environments.get(env.id))?.variables[0]?.value).toBe('b.test'))
    expect((await a.store.environments.get(env.id))?.name).toBe('Renamed')
    expect(await a.store.settings.get('app')).toEqual({ theme: 'light' })

    await b.store.settings.put('app', { theme: 'system' })
    await vi.waitFor(async () => expect(await a.store.settings.get('app')).toEqual({ theme: 'system' }))
  })

  it('sees current values another instance set', async () => {
    const { a, b } = await twoInstances()
    const mine = a.store.currentValues('local', 'local')
    expect(await mine.list(GLOBALS_ID)).toEqual([])
    await b.store.currentValues('local', 'local').set(GLOBALS_ID, 'token', 't2')
    await vi.waitFor(async () => expect(await mine.list(GLOBALS_ID)).toEqual([{ name: 'token', value: 't2' }]))
  })

  /** Ends `bus`'s LISTEN connection from the server side, as a network failure or a restart would. */
  async function dropListenConnection(bus: PostgresChangeBus) {
    await withClient(url, (admin) =>
      admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [
        bus.applicationName,
      ]),
    )
  }

  it('keeps nothing while it cannot hear the other instances', async () => {
    // A reconnect far away: the instance stays deaf for the whole test.
    const { a, sql } = await twoInstances({ firstMs: 600_000, maxMs: 600_000 })
    const env = await a.store.environments.create('Staging', [])
    expect((await a.store.environments.get(env.id))?.name).toBe('Staging')
    await dropListenConnection(a.bus)
    await vi.waitFor(() => expect(a.bus.cacheSignal.version()).not.toBe(a.bus.cacheSignal.version()))
    await sql(`UPDATE environments SET name = 'Renamed while deaf' WHERE id = $1`, [env.id])
    expect((await a.store.environments.get(env.id))?.name).toBe('Renamed while deaf')
    await sql(`UPDATE environments SET name = 'Again' WHERE id = $1`, [env.id])
    expect((await a.store.environments.get(env.id))?.name).toBe('Again')
  })

  it('after reconnecting, drops what it kept before (announcements may have been missed) and keeps again', async () => {
    const { a, sql } = await twoInstances()
    const env = await a.store.environments.create('Staging', [])
    expect((await a.store.environments.get(env.id))?.name).toBe('Staging')
    await sql(`UPDATE environments SET name = 'Missed' WHERE id = $1`, [env.id])
    const resynced = new Promise<void>((resolve) => {
      const stop = a.bus.subscribe('any', (message) => {
        if (message.type === 'resync') resolve(stop())
      })
    })
    await dropListenConnection(a.bus)
    await resynced
    expect((await a.store.environments.get(env.id))?.name).toBe('Missed')
    await sql(`UPDATE environments SET name = 'Behind its back' WHERE id = $1`, [env.id])
    expect((await a.store.environments.get(env.id))?.name).toBe('Missed')
  })
})
