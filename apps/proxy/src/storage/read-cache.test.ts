import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { GLOBALS_ID } from '@courier/shared'
import { describe, expect, it, onTestFinished } from 'vitest'
import { SecretBox } from '../secrets/secret-box.js'
import { tempDataDir } from '../test/temp-dir.js'
import { openDatabase, sqliteHandleOf } from './database.js'
import { createEnvironmentStore } from './environment-store.js'
import { createVariableValueStore } from './variable-values-store.js'

const box = new SecretBox(randomBytes(32))

async function openOn(path: string) {
  const db = await openDatabase({ kind: 'sqlite', path })
  onTestFinished(() => db.destroy())
  return {
    db,
    environments: createEnvironmentStore(db, box),
    current: createVariableValueStore(db, box, 'local', 'local'),
  }
}

const variable = (name: string, value: string) => ({ name, value, enabled: true, secret: false })

describe('the read cache of environments and current values (SQLite)', () => {
  it('answers repeated reads from memory and drops them on a write through the store', async () => {
    const { db, environments } = await openOn(join(tempDataDir(), 'courier.sqlite'))
    const env = await environments.create('Staging', [variable('host', 'a.test')])
    expect((await environments.get(env.id))?.variables[0]?.value).toBe('a.test')
    // Behind the store's back on the same connection: the cached copy is still answered.
    sqliteHandleOf(db)!.prepare("UPDATE environments SET name = 'Renamed' WHERE id = ?").run(env.id)
    expect((await environments.get(env.id))?.name).toBe('Staging')
    // A write through the store drops the cache: the next read is the database's.
    const current = (await environments.get(env.id))!
    await environments.update(env.id, { version: current.version, variables: [variable('host', 'b.test')] })
    const after = await environments.get(env.id)
    expect(after?.name).toBe('Renamed')
    expect(after?.variables[0]?.value).toBe('b.test')
  })

  it('a caller changing what it got does not change the cached copy', async () => {
    const { environments } = await openOn(join(tempDataDir(), 'courier.sqlite'))
    const globals = (await environments.get(GLOBALS_ID))!
    globals.variables.push(variable('leak', 'x'))
    expect((await environments.get(GLOBALS_ID))?.variables).toEqual([])
  })

  it('sees a write by another connection to the file on the next read', async () => {
    const path = join(tempDataDir(), 'courier.sqlite')
    const first = await openOn(path)
    const second = await openOn(path)
    const globals = (await first.environments.get(GLOBALS_ID))!
    expect(globals.variables).toEqual([])
    expect(await first.current.list(GLOBALS_ID)).toEqual([])
    await second.environments.update(GLOBALS_ID, { version: globals.version, variables: [variable('token', 't1')] })
    await second.current.set(GLOBALS_ID, 'token', 'mine')
    expect((await first.environments.get(GLOBALS_ID))?.variables.map((v) => v.value)).toEqual(['t1'])
    expect(await first.current.list(GLOBALS_ID)).toEqual([{ name: 'token', value: 'mine' }])
  })

  it('drops current values on their own writes', async () => {
    const { current } = await openOn(join(tempDataDir(), 'courier.sqlite'))
    await current.set(GLOBALS_ID, 'a', '1')
    expect(await current.list(GLOBALS_ID)).toEqual([{ name: 'a', value: '1' }])
    await current.set(GLOBALS_ID, 'a', '2')
    expect(await current.list(GLOBALS_ID)).toEqual([{ name: 'a', value: '2' }])
    await current.clear(GLOBALS_ID, 'a')
    expect(await current.list(GLOBALS_ID)).toEqual([])
  })
})
