import { existsSync } from 'node:fs'
import { mkdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { GLOBALS_ID, type ChangeEvent } from '@courier/shared'
import { describe, expect, it, onTestFinished } from 'vitest'
import { DIALECTS, openTestStore } from '../test/dialects.js'
import { tempDataDir } from '../test/temp-dir.js'
import { LocalChangeBus } from '../storage/local-change-bus.js'
import { LOCAL_WORKSPACE_ID } from '../storage/local-identity.js'
import { publishingData } from '../storage/publishing-data.js'
import type { WorkspaceData } from '../storage/store.js'
import { slugify } from '@courier/shared/workspace-files'
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

const gone = (dir: string) =>
  `The workspace folder ${dir} is gone (moved or unmounted?); Courier changes nothing until it is back: put it back, or keep the workspace in another folder.`

for (const dialect of DIALECTS) {
  describe(`workspace sync, folders gone (${dialect.name})`, () => {
    it('a workspace folder moved away fails the sync, deletes nothing, says so, and syncs again once it is back', async () => {
      const k = await kit(dialect.target)
      const ids = await shop(k)
      const env = await k.store.environments.create('Prod', [{ name: 'a', value: '1', enabled: true, secret: false }])
      const sync = await k.start()
      await rename(k.dir, `${k.dir}-moved`)
      await expect(sync.syncNow()).rejects.toThrow(gone(k.dir))
      expect(sync.problems()).toEqual([{ path: '', message: gone(k.dir) }])
      expect((await k.store.collections.get(ids.collectionId))?.name).toBe('Shop')
      expect((await k.store.environments.get(env.id))?.name).toBe('Prod')
      // An edit in Courier while it is gone: tried again until the folder is back, then written.
      const tree = (await k.store.collections.get(ids.collectionId))!
      await k.courier.collections.update(ids.collectionId, { version: tree.version, description: 'while away' })
      await expect.poll(() => k.errors.some((e) => String(e).includes('is gone')), { timeout: 3000 }).toBe(true)
      await rename(`${k.dir}-moved`, k.dir)
      await expect.poll(() => k.read('collections/shop/collection.yaml'), { timeout: 6000 }).toContain('while away')
      expect(sync.problems()).toEqual([])
      expect((await k.store.environments.get(env.id))?.name).toBe('Prod')
      // Told once, not on every retry.
      expect(k.errors.filter((e) => String(e).includes('is gone'))).toHaveLength(1)
    })

    it('start with the folder missing creates it only when never synced, else refuses and changes nothing', async () => {
      const k = await kit(dialect.target)
      const ids = await shop(k)
      const sync = await k.start()
      await sync.stop()
      await rm(k.dir, { recursive: true })
      await expect(k.start()).rejects.toMatchObject({ code: 'WORKSPACE_FOLDER_INVALID', message: gone(k.dir) })
      expect(k.has('')).toBe(false)
      expect((await k.store.collections.get(ids.collectionId))?.name).toBe('Shop')
      // Never synced (no base): the folder is made and filled.
      await rm(k.stateFile)
      await k.start()
      expect(await k.read('collections/shop/collection.yaml')).toContain('Shop')
    })

    it('collections/ removed wholesale deletes no collection; deleting it in Courier clears the problem', async () => {
      const k = await kit(dialect.target)
      const ids = await shop(k)
      const sync = await k.start()
      await sync.stop()
      await rm(join(k.dir, 'collections'), { recursive: true })
      const again = await k.start()
      const message = 'collections/ is missing: Courier deletes nothing; delete collections in Courier to remove them'
      expect(again.problems()).toEqual([{ path: 'collections/', message }])
      expect((await k.store.collections.get(ids.collectionId))?.name).toBe('Shop')
      expect(k.has('collections')).toBe(false)
      // A new collection in Courier is not written either (that would make collections/ hold only it).
      await k.store.collections.create('Later')
      await again.syncNow()
      expect(k.has('collections')).toBe(false)
      expect((await k.store.collections.get(ids.collectionId))?.name).toBe('Shop')
      for (const t of await k.store.collections.list()) await k.store.collections.remove(t.id)
      await again.syncNow()
      await again.syncNow()
      expect(again.problems()).toEqual([])
    })

    it('environments/ removed deletes no environment and writes none', async () => {
      const k = await kit(dialect.target)
      const env = await k.store.environments.create('Prod', [{ name: 'a', value: '1', enabled: true, secret: false }])
      const sync = await k.start()
      expect(k.has('environments/globals.yaml')).toBe(true)
      await rm(join(k.dir, 'environments'), { recursive: true })
      await sync.syncNow()
      expect(sync.problems()).toEqual([
        {
          path: 'environments/',
          message: 'environments/ is missing: Courier deletes nothing; delete environments in Courier to remove them',
        },
      ])
      expect((await k.store.environments.get(env.id))?.name).toBe('Prod')
      expect(k.has('environments')).toBe(false)
    })

    it('a collections/ that is a symbolic link is a problem, is not read and not written through', async () => {
      const k = await kit(dialect.target)
      const ids = await shop(k)
      const sync = await k.start()
      const elsewhere = join(tempDataDir(), 'elsewhere')
      await mkdir(elsewhere)
      await rm(join(k.dir, 'collections'), { recursive: true })
      await symlink(elsewhere, join(k.dir, 'collections'))
      await sync.syncNow()
      expect(sync.problems().map((p) => p.path)).toEqual(['collections/'])
      expect((await k.store.collections.get(ids.collectionId))?.name).toBe('Shop')
      const tree = (await k.store.collections.get(ids.collectionId))!
      await k.store.collections.update(ids.collectionId, { version: tree.version, description: 'x' })
      await sync.syncNow()
      expect(existsSync(join(elsewhere, 'shop'))).toBe(false)
    })
  })

  describe(`workspace sync, secrets brought back (${dialect.name})`, () => {
    it('an environment removed by a branch switch and brought back keeps its secret value', async () => {
      const k = await kit(dialect.target)
      const env = await k.store.environments.create('Prod', [
        { name: 'token', value: 's3cr3t', enabled: true, secret: true },
        { name: 'host', value: 'prod.test', enabled: true, secret: false },
      ])
      await k.start()
      const text = await k.read('environments/prod.yaml')
      expect(text).not.toContain('s3cr3t')
      const deleted = k.next((e) => e.kind === 'environment' && e.id === env.id && e.action === 'deleted', 'delete')
      await rm(join(k.dir, 'environments/prod.yaml'))
      await deleted
      const back = k.next((e) => e.kind === 'environment' && e.id === env.id, 'back')
      await k.write('environments/prod.yaml', text)
      await back
      const now = await k.store.environments.get(env.id)
      expect(now?.variables.find((v) => v.name === 'token')?.value).toBe('s3cr3t')
    })

    it('a collection and a folder with secret variables, removed and brought back, keep them', async () => {
      const k = await kit(dialect.target)
      const ids = await shop(k)
      const tree = (await k.store.collections.get(ids.collectionId))!
      await k.store.collections.update(tree.id, {
        version: tree.version,
        variables: [{ name: 'key', value: 'k3y', enabled: true, secret: true }],
      })
      const folder = (await k.store.collections.getItem(ids.folderId))!
      await k.store.collections.updateItem(ids.folderId, {
        version: folder.version,
        variables: [{ name: 'pin', value: '1234', enabled: true, secret: true }],
      })
      await k.start()
      const top = await k.read('collections/shop/collection.yaml')
      const users = await k.read('collections/shop/users/folder.yaml')
      const user = await k.read('collections/shop/users/get-user.yaml')
      expect(top + users).not.toMatch(/k3y|1234/)
      const deleted = k.next((e) => e.kind === 'collection' && e.id === tree.id && e.action === 'deleted', 'delete')
      await rm(join(k.dir, 'collections/shop'), { recursive: true })
      await deleted
      const back = k.next((e) => e.kind === 'collection' && e.id === tree.id, 'back')
      await k.write('collections/shop/users/folder.yaml', users)
      await k.write('collections/shop/users/get-user.yaml', user)
      await k.write('collections/shop/collection.yaml', top)
      await back
      await expect.poll(() => k.store.collections.getItem(ids.folderId), { timeout: 3000 }).toBeDefined()
      const now = await k.store.collections.get(tree.id)
      expect(now?.variables.find((v) => v.name === 'key')?.value).toBe('k3y')
      const f = await k.store.collections.getItem(ids.folderId)
      expect(f?.kind === 'folder' ? f.variables.find((v) => v.name === 'pin')?.value : null).toBe('1234')
    })

    it('a new environment the files bring, never in Courier, has its secrets empty', async () => {
      const k = await kit(dialect.target)
      const env = await k.store.environments.create('Prod', [
        { name: 'token', value: 's3cr3t', enabled: true, secret: true },
      ])
      await k.start()
      const text = (await k.read('environments/prod.yaml')).replace(env.id, 'env-brand-new').replace('Prod', 'Other')
      const added = k.next((e) => e.kind === 'environment' && e.id === 'env-brand-new', 'added')
      await k.write('environments/other.yaml', text)
      await added
      const now = await k.store.environments.get('env-brand-new')
      expect(now?.variables).toEqual([{ name: 'token', value: '', enabled: true, secret: true }])
    })
  })

  describe(`workspace sync, the globals' file (${dialect.name})`, () => {
    it('an environment named Globals never takes environments/globals.yaml', async () => {
      const k = await kit(dialect.target)
      const mine = await k.store.environments.create('Globals', [
        { name: 'a', value: '1', enabled: true, secret: false },
      ])
      const sync = await k.start()
      expect(await k.read('environments/globals.yaml')).toContain(GLOBALS_ID)
      expect(await k.read('environments/globals.yaml')).not.toContain(mine.id)
      const own = `environments/globals-${slugify(mine.id).slice(0, 12)}.yaml`
      expect(await k.read(own)).toContain(mine.id)
      expect(k.errors).toEqual([])
      // One renamed to Globals in Courier moves to a name of its own too.
      const stage = await k.courier.environments.create('Stage', [])
      await expect.poll(() => k.has('environments/stage.yaml')).toBe(true)
      const s = (await k.store.environments.get(stage.id))!
      await k.courier.environments.update(stage.id, { version: s.version, name: 'Globals' })
      await expect.poll(() => k.has('environments/stage.yaml')).toBe(false)
      expect(await k.read('environments/globals.yaml')).not.toContain(stage.id)
      await sync.syncNow()
      expect(k.errors).toEqual([])
    })

    it('an environment found in globals.yaml (written so before) moves out, and the globals get their file', async () => {
      const k = await kit(dialect.target)
      const mine = await k.store.environments.create('Globals', [
        { name: 'a', value: '1', enabled: true, secret: false },
      ])
      const sync = await k.start()
      await sync.stop()
      const own = `environments/globals-${slugify(mine.id).slice(0, 12)}.yaml`
      await rename(join(k.dir, own), join(k.dir, 'environments/globals.yaml'))
      await rm(k.stateFile)
      const again = await k.start()
      expect(await k.read('environments/globals.yaml')).toContain(GLOBALS_ID)
      expect(await k.read(own)).toContain(mine.id)
      expect((await k.store.environments.get(mine.id))?.variables.map((v) => v.value)).toEqual(['1'])
      expect(k.errors).toEqual([])
      await again.syncNow()
    })
  })
}
