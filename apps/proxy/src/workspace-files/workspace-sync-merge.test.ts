import { existsSync } from 'node:fs'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { type ChangeEvent } from '@courier/shared'
import { describe, expect, it, onTestFinished } from 'vitest'
import { DIALECTS, openTestStore } from '../test/dialects.js'
import { tempDataDir } from '../test/temp-dir.js'
import { LocalChangeBus } from '../storage/local-change-bus.js'
import { LOCAL_WORKSPACE_ID } from '../storage/local-identity.js'
import { publishingData } from '../storage/publishing-data.js'
import type { WorkspaceData } from '../storage/store.js'
import { WorkspaceSync } from './workspace-sync.js'

type Kit = Awaited<ReturnType<typeof kit>>

/** A real store and bus, a workspace folder and a state file in temp folders, and a person editing in Courier. */
async function kit(target: () => Promise<import('../storage/database.js').DatabaseTarget>) {
  const store = await openTestStore(await target())
  const bus = new LocalChangeBus()
  const dir = join(tempDataDir(), 'workspace')
  const stateFile = join(tempDataDir(), 'workspace-sync.json')
  const errors: unknown[] = []
  const local: WorkspaceData = {
    collections: store.collections,
    environments: store.environments,
    versions: store.versions,
    trash: store.trash,
  }
  /** Writes as a page of Courier makes them: each publishes its change, by the local person. */
  const courier = publishingData(local, (change) =>
    bus.publish({
      ...change,
      workspaceId: LOCAL_WORKSPACE_ID,
      by: { userId: 'local', name: 'Local' },
      clientId: 'page-1',
      instanceId: bus.instanceId,
      at: new Date().toISOString(),
    }),
  )
  /** The next event matching `match` (registered now, before the change that causes it). */
  const next = (match: (e: ChangeEvent) => boolean, what = 'an event'): Promise<ChangeEvent> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off()
        reject(new Error(`no ${what} within 5 s`))
      }, 5000)
      const off = bus.subscribe(LOCAL_WORKSPACE_ID, (m) => {
        if (m.type === 'change' && match(m.event)) {
          clearTimeout(timer)
          off()
          resolve(m.event)
        }
      })
    })
  const filesSynced = () => next((e) => e.kind === 'files', "the 'files' event")
  const start = async () => {
    const sync = await WorkspaceSync.start({
      dir,
      store,
      bus,
      stateFile,
      debounceMs: 30,
      onError: (e) => errors.push(e),
    })
    onTestFinished(() => sync.stop())
    return sync
  }
  const read = (path: string) => readFile(join(dir, path), 'utf8')
  const write = async (path: string, text: string) => {
    await mkdir(dirname(join(dir, path)), { recursive: true })
    await writeFile(join(dir, path), text)
  }
  const has = (path: string) => existsSync(join(dir, path))
  return { store, bus, dir, stateFile, errors, courier, next, filesSynced, start, read, write, has }
}

async function shop(k: Kit) {
  const tree = await k.courier.collections.create('Shop')
  const folder = await k.courier.collections.createItem({ kind: 'folder', collectionId: tree.id, name: 'Users' })
  const request = await k.courier.collections.createItem({
    kind: 'request',
    collectionId: tree.id,
    parentId: folder.id,
    name: 'Get user',
    request: { method: 'GET', url: 'https://api.example.test/users/1' },
  })
  return { collectionId: tree.id, folderId: folder.id, requestId: request.id }
}

const USER = 'collections/shop/users/get-user.yaml'
const dialect = DIALECTS[0]!

describe('workspace sync, one thing changed on both sides', () => {
  it('keeps a Courier save of request A and the files’ change to request B of the same collection (stopped)', async () => {
    const k = await kit(dialect.target)
    const ids = await shop(k)
    const other = await k.courier.collections.createItem({
      kind: 'request',
      collectionId: ids.collectionId,
      name: 'List users',
      request: { method: 'GET', url: 'https://api.example.test/users' },
    })
    const sync = await k.start()
    await sync.stop()
    // Courier (sync off, e.g. folder unset in Settings, or within the debounce): edit A
    const item = (await k.store.collections.getItem(ids.requestId))!
    await k.store.collections.updateItem(ids.requestId, {
      version: item.version,
      request: {
        ...(item.kind === 'request' ? item.request : ({} as never)),
        url: 'https://api.example.test/EDITED-IN-COURIER',
      },
    })
    // a teammate's git pull changes B only
    const path = 'collections/shop/list-users.yaml'
    await writeFile(join(k.dir, path), (await k.read(path)).replace('/users\n', '/users?page=2\n'))
    await k.start()
    const a = (await k.store.collections.getItem(ids.requestId))!
    const b = (await k.store.collections.getItem(other.id))!
    expect(b.kind === 'request' && b.request.url).toBe('https://api.example.test/users?page=2')
    // Different requests: both edits should survive
    expect(a.kind === 'request' && a.request.url).toBe('https://api.example.test/EDITED-IN-COURIER')
  })

  it('keeps both when Courier saves request A within the debounce of a file edit to request B (live)', async () => {
    const k = await kit(dialect.target)
    const ids = await shop(k)
    const other = await k.courier.collections.createItem({
      kind: 'request',
      collectionId: ids.collectionId,
      name: 'List users',
      request: { method: 'GET', url: 'https://api.example.test/users' },
    })
    await k.start()
    const path = 'collections/shop/list-users.yaml'
    const text = (await k.read(path)).replace('/users\n', '/users?page=2\n')
    const synced = k.filesSynced()
    await writeFile(join(k.dir, path), text)
    const item = (await k.store.collections.getItem(ids.requestId))!
    await k.courier.collections.updateItem(ids.requestId, {
      version: item.version,
      request: {
        ...(item.kind === 'request' ? item.request : ({} as never)),
        url: 'https://api.example.test/EDITED-IN-COURIER',
      },
    })
    await synced
    await new Promise((r) => setTimeout(r, 500))
    const a = (await k.store.collections.getItem(ids.requestId))!
    const b = (await k.store.collections.getItem(other.id))!
    expect(b.kind === 'request' && b.request.url).toBe('https://api.example.test/users?page=2')
    expect(a.kind === 'request' && a.request.url).toBe('https://api.example.test/EDITED-IN-COURIER')
    expect(await k.read(USER)).toContain('EDITED-IN-COURIER')
  })

  it('a request changed on both sides: the file wins and one notice names that request', async () => {
    const k = await kit(dialect.target)
    const ids = await shop(k)
    await k.courier.collections.createItem({
      kind: 'request',
      collectionId: ids.collectionId,
      name: 'List users',
      request: { method: 'GET', url: 'https://api.example.test/users' },
    })
    const sync = await k.start()
    await sync.stop()
    const item = (await k.store.collections.getItem(ids.requestId))!
    await k.store.collections.updateItem(ids.requestId, {
      version: item.version,
      name: 'Get user',
      request: { ...(item.kind === 'request' ? item.request : ({} as never)), url: 'https://api.example.test/COURIER' },
    })
    await writeFile(join(k.dir, USER), (await k.read(USER)).replace('name: Get user', 'name: Get user\n# edited'))
    const text = (await k.read(USER)).replace(/url: .*/, 'url: https://api.example.test/FILES')
    await writeFile(join(k.dir, USER), text)
    const again = await k.start()
    const a = (await k.store.collections.getItem(ids.requestId))!
    expect(a.kind === 'request' && a.request.url).toBe('https://api.example.test/FILES')
    expect(
      again
        .notices()
        .map((n) => n.message)
        .filter((m) => m.includes('Get user')),
    ).toHaveLength(1)
    expect(again.notices().some((n) => n.message.includes('request "Get user"'))).toBe(true)
  })

  it('a request edited in Courier whose file was deleted is kept', async () => {
    const k = await kit(dialect.target)
    const ids = await shop(k)
    const sync = await k.start()
    await sync.stop()
    const item = (await k.store.collections.getItem(ids.requestId))!
    await k.store.collections.updateItem(ids.requestId, {
      version: item.version,
      name: 'Get user',
      request: { ...(item.kind === 'request' ? item.request : ({} as never)), url: 'https://api.example.test/KEPT' },
    })
    await rm(join(k.dir, USER))
    await k.start()
    const a = await k.store.collections.getItem(ids.requestId)
    expect(a?.kind === 'request' && a.request.url).toBe('https://api.example.test/KEPT')
  })

  it('a collection edited in Courier whose files were deleted is kept, written again, with a notice', async () => {
    const k = await kit(dialect.target)
    const ids = await shop(k)
    const sync = await k.start()
    await sync.stop()
    const item = (await k.store.collections.getItem(ids.requestId))!
    await k.store.collections.updateItem(ids.requestId, { version: item.version, name: 'Get the user' })
    await rm(join(k.dir, 'collections/shop'), { recursive: true })
    const again = await k.start()
    expect((await k.store.collections.get(ids.collectionId))?.name).toBe('Shop')
    expect(await k.read('collections/shop/users/get-the-user.yaml')).toContain('name: Get the user')
    expect(again.notices().map((n) => n.message)).toEqual([
      'collection "Shop" was deleted in the workspace files but changed in Courier since; Courier kept it and wrote its files again.',
    ])
    // Once they agree again, deleting the files deletes the collection (to the trash).
    const gone = k.next((e) => e.kind === 'collection' && e.action === 'deleted', 'the delete')
    await rm(join(k.dir, 'collections/shop'), { recursive: true })
    await gone
    expect(await k.store.collections.get(ids.collectionId)).toBeUndefined()
    expect((await k.store.trash.list()).map((t) => t.name)).toContain('Shop')
  })

  const vars = (pairs: Record<string, string>) =>
    Object.entries(pairs).map(([name, value]) => ({ name, value, enabled: true, secret: false }))
  const values = async (k: Kit, id: string) =>
    Object.fromEntries((await k.store.environments.get(id))!.variables.map((v) => [v.name, v.value]))

  it('an environment changed on both sides is merged per variable: Courier’s host and the files’ port', async () => {
    const k = await kit(dialect.target)
    const env = await k.store.environments.create('Staging', vars({ host: 'a', port: '1', old: 'x' }))
    const sync = await k.start()
    await sync.stop()
    await k.store.environments.update(env.id, { version: env.version, variables: vars({ host: 'b', port: '1' }) })
    const text = await k.read('environments/staging.yaml')
    await k.write(
      'environments/staging.yaml',
      `${text.replace('value: "1"', 'value: "2"')}  - name: token\n    value: t\n`,
    )
    const again = await k.start()
    expect(await values(k, env.id)).toEqual({ host: 'b', port: '2', token: 't' })
    const written = await k.read('environments/staging.yaml')
    expect(written).toContain('value: b')
    expect(written).toContain('value: "2"')
    expect(written).not.toContain('name: old')
    expect(again.notices()).toEqual([])
  })

  it('a variable changed on both sides takes the files’ value and one notice names it; one deleted in the files but changed in Courier is kept', async () => {
    const k = await kit(dialect.target)
    const env = await k.store.environments.create('Staging', vars({ host: 'a', port: '1' }))
    const sync = await k.start()
    await sync.stop()
    await k.store.environments.update(env.id, { version: env.version, variables: vars({ host: 'mine', port: '9' }) })
    const text = await k.read('environments/staging.yaml')
    await k.write(
      'environments/staging.yaml',
      text.replace('value: a', 'value: theirs').replace(/ {2}- name: port\n.*\n/, ''),
    )
    const again = await k.start()
    expect(await values(k, env.id)).toEqual({ host: 'theirs', port: '9' })
    expect(again.notices().map((n) => n.message)).toEqual([
      'variable "host" of environment "Staging" changed both in Courier and in the workspace files at once; the files\' version was kept (Courier\'s is in its versions).',
    ])
  })

  it('an environment edited in Courier whose file was deleted is kept and written again', async () => {
    const k = await kit(dialect.target)
    const env = await k.store.environments.create('Staging', [
      { name: 'host', value: 'a', enabled: true, secret: false },
    ])
    const sync = await k.start()
    await sync.stop()
    await k.store.environments.update(env.id, {
      version: env.version,
      variables: [{ name: 'host', value: 'b', enabled: true, secret: false }],
    })
    await rm(join(k.dir, 'environments/staging.yaml'))
    const again = await k.start()
    expect((await k.store.environments.get(env.id))?.variables[0]?.value).toBe('b')
    expect(await k.read('environments/staging.yaml')).toContain('value: b')
    expect(again.notices()[0]?.message).toContain('environment "Staging" was deleted in the workspace files')
  })
})
