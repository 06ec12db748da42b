import { GLOBALS_ID } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { newId } from '../ids.js'
import { SecretBox } from '../secrets/secret-box.js'
import { DIALECTS, openTestStore, rawRows } from '../test/dialects.js'

const secret = { name: 'token', value: 'shared-token', enabled: true, secret: true }

/** Each member's own current values, on every dialect: theirs alone, scoped to the workspace, sealed at rest. */
describe.each(DIALECTS)('current values on $name', ({ target }) => {
  it('keeps one person’s current value from everyone else', async () => {
    const store = await openTestStore(await target())
    const ws = newId()
    const [ann, bob] = [newId(), newId()]
    const env = await store.inWorkspace(ws).environments.create('Staging', [secret])

    await store.currentValues(ws, ann).set(env.id, 'token', 'ann-token')
    await store.currentValues(ws, ann).set(GLOBALS_ID, 'g', 'ann-global')

    expect(await store.currentValues(ws, ann).list(env.id)).toEqual([{ name: 'token', value: 'ann-token' }])
    expect(await store.currentValues(ws, ann).list(GLOBALS_ID)).toEqual([{ name: 'g', value: 'ann-global' }])
    expect(await store.currentValues(ws, bob).list(env.id)).toEqual([])
    expect(await store.currentValues(ws, bob).list(GLOBALS_ID)).toEqual([])
    // The shared value is untouched.
    expect((await store.inWorkspace(ws).environments.get(env.id))?.variables[0]?.value).toBe('shared-token')

    await store.currentValues(ws, ann).set(env.id, 'token', 'ann-token-2')
    expect(await store.currentValues(ws, ann).list(env.id)).toEqual([{ name: 'token', value: 'ann-token-2' }])
    expect(await store.currentValues(ws, ann).clear(env.id, 'token')).toBe(true)
    expect(await store.currentValues(ws, ann).clear(env.id, 'token')).toBe(false)
    expect(await store.currentValues(ws, ann).list(env.id)).toEqual([])
  })

  it('answers another workspace’s environment like one that never existed', async () => {
    const store = await openTestStore(await target())
    const [mine, theirs, ann] = [newId(), newId(), newId()]
    const env = await store.inWorkspace(mine).environments.create('Mine', [secret])
    await store.currentValues(mine, ann).set(env.id, 'token', 'ann-token')

    await expect(store.currentValues(theirs, ann).set(env.id, 'token', 'x')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
    await expect(store.currentValues(theirs, ann).set(newId(), 'token', 'x')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
    expect(await store.currentValues(theirs, ann).list(env.id)).toEqual([])
    // Each workspace's globals are its own, for current values too.
    await store.inWorkspace(theirs).environments.list()
    await store.currentValues(theirs, ann).set(GLOBALS_ID, 'g', 'theirs')
    expect(await store.currentValues(mine, ann).list(GLOBALS_ID)).toEqual([])
  })

  it('seals every current value at rest, secret or not', async () => {
    const at = await target()
    const store = await openTestStore(at)
    const ws = newId()
    const ann = newId()
    const env = await store
      .inWorkspace(ws)
      .environments.create('Staging', [{ name: 'plain', value: 'p', enabled: true, secret: false }])
    await store.currentValues(ws, ann).set(env.id, 'plain', 'ann-private-value-0123456789')

    const rows = await rawRows(at, 'select user_id, name, sealed from variable_values')
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ user_id: ann, name: 'plain' })
    expect(String(rows[0]!.sealed)).not.toContain('ann-private-value')
    expect(SecretBox.isSealed(String(rows[0]!.sealed))).toBe(true)
  })
})
