import { existsSync } from 'node:fs'
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { FILES_ACTOR, type ChangeEvent } from '@courier/shared'
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

for (const dialect of DIALECTS) {
  describe(`workspace sync (${dialect.name})`, () => {
    it('writes what Courier holds at start, then every edit, rename, move and delete at once', async () => {
      const k = await kit(dialect.target)
      const ids = await shop(k)
      // Files that are not Courier's: beside the collections, and inside a collection's folder.
      await k.write('README.md', '# mine\n')
      await k.write('collections/shop/notes.txt', 'not yaml\n')
      const sync = await k.start()
      expect((await stat(k.stateFile)).mode & 0o777).toBe(0o600)
      expect(await k.read('collections/shop/collection.yaml')).toContain('name: Shop')
      expect(await k.read(USER)).toContain('url: https://api.example.test/users/1')
      expect(await k.read('environments/globals.yaml')).toContain('name: Globals')
      expect(sync.syncedAt()).not.toBeNull()
      expect((await sync.files()).map((f) => f.path)).toContain(USER)

      let synced = k.filesSynced()
      const item = (await k.store.collections.getItem(ids.requestId))!
      await k.courier.collections.updateItem(ids.requestId, {
        version: item.version,
        request: {
          ...(item.kind === 'request' ? item.request : ({} as never)),
          url: 'https://api.example.test/users/2',
        },
      })
      await synced
      expect(await k.read(USER)).toContain('users/2')

      synced = k.filesSynced()
      const again = (await k.store.collections.getItem(ids.requestId))!
      await k.courier.collections.updateItem(ids.requestId, { version: again.version, name: 'Fetch user' })
      await synced
      expect(k.has(USER)).toBe(false)
      expect(await k.read('collections/shop/users/fetch-user.yaml')).toContain('name: Fetch user')

      synced = k.filesSynced()
      await k.courier.collections.moveItem(ids.requestId, { collectionId: ids.collectionId, parentId: null, index: 0 })
      await synced
      expect(k.has('collections/shop/users/fetch-user.yaml')).toBe(false)
      expect(k.has('collections/shop/fetch-user.yaml')).toBe(true)
      expect(await k.read('collections/shop/collection.yaml')).toMatch(new RegExp(`order:\\n  - ${ids.requestId}`))

      synced = k.filesSynced()
      const tree = (await k.store.collections.get(ids.collectionId))!
      await k.courier.collections.update(ids.collectionId, { version: tree.version, name: 'Store' })
      await synced
      expect(k.has('collections/shop/collection.yaml')).toBe(false)
      expect(k.has('collections/store/fetch-user.yaml')).toBe(true)
      expect(await k.read('collections/shop/notes.txt')).toBe('not yaml\n')

      synced = k.filesSynced()
      await k.courier.collections.remove(ids.collectionId)
      await synced
      expect(k.has('collections/store')).toBe(false)
      expect(await k.read('README.md')).toBe('# mine\n')
      expect(k.errors).toEqual([])
    })

    it('saves a file written by another program in Courier and says so on the bus', async () => {
      const k = await kit(dialect.target)
      const ids = await shop(k)
      await k.start()
      const before = (await k.store.collections.getItem(ids.requestId))!
      const text = (await k.read(USER)).replace('users/1', 'users/42')
      const heard = k.next((e) => e.kind === 'item' && e.id === ids.requestId, 'the item event')
      const filesHeard = k.filesSynced()
      await writeFile(join(k.dir, USER), text)
      const event = await heard
      expect(event.by).toEqual(FILES_ACTOR)
      expect(event.clientId).toBeNull()
      const after = (await k.store.collections.getItem(ids.requestId))!
      expect(after.kind === 'request' && after.request.url).toBe('https://api.example.test/users/42')
      expect(after.version).toBe(before.version + 1)
      await filesHeard
      // Its own database write is not written back: the file is the other program's text still.
      expect(await k.read(USER)).toBe(text)

      // A new request file and a new collection folder become a request and a collection, ids kept.
      const created = k.next((e) => e.kind === 'collection' && e.id === 'c-new', 'the collection event')
      await k.write('collections/new/collection.yaml', 'courier: 1\nid: c-new\nname: New one\n')
      await k.write(
        'collections/new/ping.yaml',
        'courier: 1\nid: r-ping\nname: Ping\nmethod: GET\nurl: http://x.test\n',
      )
      await created
      await expect
        .poll(async () => (await k.store.collections.get('c-new'))?.items.map((i) => i.id))
        .toEqual(['r-ping'])

      // A deleted file deletes the request (to the trash).
      const gone = k.next((e) => e.kind === 'item' && e.action === 'deleted' && e.id === ids.requestId, 'the delete')
      await rm(join(k.dir, USER))
      await gone
      expect(await k.store.collections.getItem(ids.requestId)).toBeUndefined()

      // Put back (a branch switch deletes and writes again): its history goes on past the versions kept.
      const back = k.next((e) => e.kind === 'item' && e.id === ids.requestId, 'the request put back')
      await k.write(USER, text)
      await back
      const again = (await k.store.collections.getItem(ids.requestId))!
      expect(again.version).toBe(after.version + 1)
      expect(again.updatedAt > '2000').toBe(true)
      expect(k.errors).toEqual([])
    })

    it('keeps order and folders read from the files, and leaves equivalent hand-written files alone', async () => {
      const k = await kit(dialect.target)
      const ids = await shop(k)
      const second = await k.courier.collections.createItem({
        kind: 'request',
        collectionId: ids.collectionId,
        name: 'List users',
        request: { method: 'GET', url: 'https://api.example.test/users' },
      })
      const sync = await k.start()
      // The top of the collection lists Users then List users; the files put List users first and move Get user up.
      const top = await k.read('collections/shop/collection.yaml')
      const moved = k.filesSynced()
      await k.write('collections/shop/get-user.yaml', await k.read(USER))
      await rm(join(k.dir, USER))
      await k.write(
        'collections/shop/collection.yaml',
        top.replace(/order:[\s\S]*$/, `order:\n  - ${second.id}\n  - ${ids.requestId}\n  - ${ids.folderId}\n`),
      )
      await moved
      await expect
        .poll(async () => {
          const tree = (await k.store.collections.get(ids.collectionId))!
          return tree.items.filter((i) => i.parentId === null).map((i) => i.id)
        })
        .toEqual([second.id, ids.requestId, ids.folderId])

      // The same request written by hand with other quoting and key order is not rewritten by a save elsewhere.
      const hand = `courier: 1\nname: "List users"\nid: ${second.id}\nurl: 'https://api.example.test/users'\nmethod: GET\n`
      await k.write('collections/shop/list-users.yaml', hand)
      await sync.syncNow()
      const listed = (await k.store.collections.getItem(second.id))!
      expect(listed.version).toBe(second.version)
      const synced = k.filesSynced()
      const folder = (await k.store.collections.getItem(ids.folderId))!
      await k.courier.collections.updateItem(ids.folderId, { version: folder.version, description: 'People' })
      await synced
      expect(await k.read('collections/shop/users/folder.yaml')).toContain('description: People')
      expect(await k.read('collections/shop/list-users.yaml')).toBe(hand)
      expect(k.errors).toEqual([])
    })

    it('reads new folders, moves between collections, and environments made or deleted in the files', async () => {
      const k = await kit(dialect.target)
      const ids = await shop(k)
      const other = await k.store.collections.create('Other')
      const sync = await k.start()

      // A request file moved into another collection's folder: the request moves there, id and version kept.
      const before = (await k.store.collections.getItem(ids.requestId))!
      let heard = k.next((e) => e.kind === 'item' && e.id === ids.requestId, 'the move')
      await k.write('collections/other/get-user.yaml', await k.read(USER))
      await rm(join(k.dir, USER))
      await heard
      await sync.syncNow()
      const moved = (await k.store.collections.getItem(ids.requestId))!
      expect([moved.collectionId, moved.parentId, moved.version]).toEqual([other.id, null, before.version])

      // A new folder with a request inside, in a folder created after the watch began; then edited again.
      heard = k.next((e) => e.kind === 'item' && e.id === 'f-deep', 'the new folder')
      await k.write('collections/other/deep/folder.yaml', 'courier: 1\nid: f-deep\nname: Deep\n')
      await k.write(
        'collections/other/deep/ping.yaml',
        'courier: 1\nid: r-deep\nname: Ping\nmethod: GET\nurl: http://a.test\n',
      )
      await heard
      await sync.syncNow()
      expect((await k.store.collections.getItem('r-deep'))?.parentId).toBe('f-deep')
      heard = k.next((e) => e.kind === 'item' && e.id === 'r-deep', 'the edit')
      await k.write(
        'collections/other/deep/ping.yaml',
        'courier: 1\nid: r-deep\nname: Ping\nmethod: PUT\nurl: http://a.test\n',
      )
      await heard
      const deep = (await k.store.collections.getItem('r-deep'))!
      expect(deep.kind === 'request' && deep.request.method).toBe('PUT')

      // An environment file: created with its id, then deleted; the globals' file comes back when deleted.
      heard = k.next((e) => e.kind === 'environment' && e.id === 'e-dev', 'the environment')
      await k.write(
        'environments/dev.yaml',
        'courier: 1\nid: e-dev\nname: Dev\nvariables:\n  - name: host\n    value: dev.test\n',
      )
      await heard
      expect((await k.store.environments.get('e-dev'))?.variables).toEqual([
        { name: 'host', value: 'dev.test', enabled: true, secret: false },
      ])
      heard = k.next((e) => e.kind === 'environment' && e.action === 'deleted', 'the environment delete')
      await rm(join(k.dir, 'environments/dev.yaml'))
      await heard
      expect(await k.store.environments.get('e-dev')).toBeUndefined()
      const globals = await k.read('environments/globals.yaml')
      await rm(join(k.dir, 'environments/globals.yaml'))
      await sync.syncNow()
      expect(await k.read('environments/globals.yaml')).toBe(globals)
      expect(k.errors).toEqual([])
    })

    it('when both sides changed one request since they agreed, the files win', async () => {
      const k = await kit(dialect.target)
      const ids = await shop(k)
      const sync = await k.start()
      await sync.stop()
      const item = (await k.store.collections.getItem(ids.requestId))!
      await k.store.collections.updateItem(ids.requestId, { version: item.version, name: 'Changed in Courier' })
      await writeFile(join(k.dir, USER), (await k.read(USER)).replace('name: Get user', 'name: Changed in files'))
      await k.start()
      expect((await k.store.collections.getItem(ids.requestId))?.name).toBe('Changed in files')
      expect(await k.read(USER)).toContain('name: Changed in files')
      expect(k.has('collections/shop/users/changed-in-courier.yaml')).toBe(false)
    })

    it('does not delete a collection from the database while some collection.yaml cannot be read', async () => {
      const k = await kit(dialect.target)
      const ids = await shop(k)
      const other = await k.store.collections.create('Other')
      let sync = await k.start()
      await sync.stop()
      // A person renames the folder and breaks its collection.yaml in the same step.
      await rm(join(k.dir, 'collections/shop'), { recursive: true })
      await k.write('collections/renamed/collection.yaml', `courier: 1\nid: ${ids.collectionId}\nname: [broken\n`)
      sync = await k.start()
      expect(sync.problems().map((p) => p.path)).toEqual(['collections/renamed/collection.yaml'])
      expect(await k.store.collections.get(ids.collectionId)).toBeDefined()
      expect(await k.store.collections.get(other.id)).toBeDefined()
      // Fixed: it is the same collection, its request files gone, so those requests go.
      await k.write('collections/renamed/collection.yaml', `courier: 1\nid: ${ids.collectionId}\nname: Shop\n`)
      await sync.syncNow()
      expect(sync.problems()).toEqual([])
      expect((await k.store.collections.get(ids.collectionId))?.items).toEqual([])
    })

    it('gives a collection renamed to the name of another a folder of its own', async () => {
      const k = await kit(dialect.target)
      const a = await k.store.collections.create('Api')
      const b = await k.store.collections.create('Other')
      const sync = await k.start()
      const aText = await k.read('collections/api/collection.yaml')
      const synced = k.filesSynced()
      await k.courier.collections.update(b.id, { version: b.version, name: 'Api' })
      await synced
      const paths = (await sync.files()).map((f) => f.path).filter((p) => p.endsWith('collection.yaml'))
      expect(paths).toHaveLength(2)
      expect(k.has('collections/other')).toBe(false)
      const bPath = paths.find((p) => p !== 'collections/api/collection.yaml')!
      expect(await k.read(bPath)).toContain(`id: ${b.id}`)
      expect(await k.read('collections/api/collection.yaml')).toBe(aText)
      expect(aText).toContain(`id: ${a.id}`)
      expect(k.errors).toEqual([])
    })

    it('writes a change heard just before stop, then hears nothing more', async () => {
      const k = await kit(dialect.target)
      const ids = await shop(k)
      const sync = await k.start()
      const item = (await k.store.collections.getItem(ids.requestId))!
      await k.courier.collections.updateItem(ids.requestId, { version: item.version, name: 'Last word' })
      await sync.stop()
      expect(k.has('collections/shop/users/last-word.yaml')).toBe(true)
      // Stopped: a Courier edit is not written (the next start takes it, from the base).
      const again = (await k.store.collections.getItem(ids.requestId))!
      await k.courier.collections.updateItem(ids.requestId, { version: again.version, name: 'After stop' })
      await sync.syncNow()
      await sync.stop()
      expect(k.has('collections/shop/users/last-word.yaml')).toBe(true)
    })

    it('shows a broken file with its line, never overwrites it, and syncs it once fixed', async () => {
      const k = await kit(dialect.target)
      const ids = await shop(k)
      const sync = await k.start()
      const good = await k.read(USER)
      const broken = good.replace('url: https://api.example.test/users/1', 'url: [https://api.example.test/users/9')
      let synced = k.filesSynced()
      await writeFile(join(k.dir, USER), broken)
      await synced
      expect(sync.problems()).toEqual([{ path: USER, message: expect.stringMatching(/line \d+/) }])
      const item = (await k.store.collections.getItem(ids.requestId))!
      expect(item.kind === 'request' && item.request.url).toBe('https://api.example.test/users/1')

      // Courier changes that request and its collection: the broken file stays as the person left it.
      const tree = (await k.store.collections.get(ids.collectionId))!
      await k.courier.collections.update(ids.collectionId, { version: tree.version, description: 'Edited' })
      await k.courier.collections.updateItem(ids.requestId, { version: item.version, name: 'Get user' })
      await sync.syncNow()
      expect(await k.read(USER)).toBe(broken)
      expect(await k.read('collections/shop/collection.yaml')).not.toContain('Edited')

      // Fixed: it syncs, the files win (they changed since the last agreement).
      synced = k.filesSynced()
      await writeFile(join(k.dir, USER), good.replace('users/1', 'users/9'))
      await synced
      expect(sync.problems()).toEqual([])
      const fixed = (await k.store.collections.getItem(ids.requestId))!
      expect(fixed.kind === 'request' && fixed.request.url).toBe('https://api.example.test/users/9')

      // A collection.yaml that does not fit the schema: the collection is not deleted from the database.
      synced = k.filesSynced()
      await k.write('collections/shop/collection.yaml', 'courier: 1\nid: 12\n')
      await synced
      expect(sync.problems()[0]!.path).toBe('collections/shop/collection.yaml')
      expect(await k.store.collections.get(ids.collectionId)).toBeDefined()
      expect(k.errors).toEqual([])
    })

    it('never writes over an unreadable file in the place of a new one, and says so only as a problem', async () => {
      const k = await kit(dialect.target)
      const env = await k.store.environments.create('Staging', [
        { name: 'host', value: 'db.test', enabled: true, secret: false },
      ])
      await k.write('environments/staging.yaml', 'courier: 1\nid: [oops\n')
      const sync = await k.start()
      expect(sync.problems().map((p) => p.path)).toEqual(['environments/staging.yaml'])
      expect(await k.read('environments/staging.yaml')).toBe('courier: 1\nid: [oops\n')
      await sync.syncNow()
      expect(k.errors).toEqual([])
      const heard = k.next((e) => e.kind === 'environment' && e.id === env.id, 'the environment')
      const synced = k.filesSynced()
      await k.write(
        'environments/staging.yaml',
        `courier: 1\nid: ${env.id}\nname: Staging\nvariables:\n  - name: host\n    value: file.test\n`,
      )
      await heard
      expect((await k.store.environments.get(env.id))?.variables[0]?.value).toBe('file.test')
      await synced
      expect(sync.problems()).toEqual([])
    })

    it('at start, the files win for what was synced and both sides keep what is new', async () => {
      const k = await kit(dialect.target)
      const ids = await shop(k)
      let sync = await k.start()
      await sync.stop()
      // While Courier is stopped: the request file changes, a person adds a collection in Courier and one in files.
      await writeFile(join(k.dir, USER), (await k.read(USER)).replace('users/1', 'users/7'))
      await k.write('collections/extra/collection.yaml', 'courier: 1\nid: c-extra\nname: Extra\n')
      const mine = await k.store.collections.create('Mine')
      sync = await k.start()
      const item = (await k.store.collections.getItem(ids.requestId))!
      expect(item.kind === 'request' && item.request.url).toBe('https://api.example.test/users/7')
      expect((await k.store.collections.get('c-extra'))?.name).toBe('Extra')
      expect(await k.read('collections/mine/collection.yaml')).toContain(`id: ${mine.id}`)
      expect(sync.problems()).toEqual([])
    })

    it('deletes on start what was deleted on either side while Courier was stopped', async () => {
      const k = await kit(dialect.target)
      const ids = await shop(k)
      const other = await k.store.collections.create('Other')
      const env = await k.store.environments.create('Staging', [])
      const sync = await k.start()
      expect(k.has('environments/staging.yaml')).toBe(true)
      await sync.stop()
      await rm(join(k.dir, 'collections/shop'), { recursive: true })
      await k.store.collections.remove(other.id)
      await k.store.environments.remove(env.id)
      const restarted = await k.start()
      expect(restarted.problems()).toEqual([])
      expect(await k.store.collections.get(ids.collectionId)).toBeUndefined()
      expect(k.has('collections/other')).toBe(false)
      expect(k.has('environments/staging.yaml')).toBe(false)
      expect((await k.store.trash.list()).map((t) => t.name)).toContain('Shop')
    })

    it('never writes secret values to files and keeps them when the file changes', async () => {
      const k = await kit(dialect.target)
      const env = await k.store.environments.create('Prod', [
        { name: 'token', value: 's3cr3t-value', enabled: true, secret: true },
        { name: 'host', value: 'prod.example.test', enabled: true, secret: false },
      ])
      const tree = await k.store.collections.create('Vault')
      await k.store.collections.update(tree.id, {
        version: tree.version,
        variables: [{ name: 'key', value: 'collection-secret', enabled: true, secret: true }],
      })
      const sync = await k.start()
      const text = await k.read('environments/prod.yaml')
      expect(text).toContain('secret: true')
      const all = (await sync.files()).map((f) => f.text).join('\n')
      expect(all).not.toContain('s3cr3t-value')
      expect(all).not.toContain('collection-secret')
      const heard = k.next((e) => e.kind === 'environment' && e.id === env.id, 'the environment event')
      await writeFile(join(k.dir, 'environments/prod.yaml'), text.replace('prod.example.test', 'new.example.test'))
      await heard
      const after = (await k.store.environments.get(env.id))!
      expect(after.variables).toEqual([
        { name: 'token', value: 's3cr3t-value', enabled: true, secret: true },
        { name: 'host', value: 'new.example.test', enabled: true, secret: false },
      ])
      expect(await k.read('environments/prod.yaml')).not.toContain('s3cr3t-value')
      // Courier changes the secret: the file has nothing to change.
      const mtime = (await stat(join(k.dir, 'environments/prod.yaml'))).mtimeMs
      await k.courier.environments.setVariable(env.id, 'token', 'rotated')
      await sync.syncNow()
      expect((await stat(join(k.dir, 'environments/prod.yaml'))).mtimeMs).toBe(mtime)
    })
  })
}
