import { execFile } from 'node:child_process'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { CollectionItemSchema, type ChangeEvent } from '@courier/shared'
import { describe, expect, it, onTestFinished } from 'vitest'
import { LocalChangeBus } from '../storage/local-change-bus.js'
import { LOCAL_WORKSPACE_ID } from '../storage/local-identity.js'
import { DIALECTS, openTestStore } from '../test/dialects.js'
import { tempDataDir } from '../test/temp-dir.js'
import { WorkspaceSync } from './workspace-sync.js'

const run = promisify(execFile)
const git = (dir: string, ...args: string[]) =>
  run('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.test', ...args], { cwd: dir })

function nextEvent(bus: LocalChangeBus, match: (e: ChangeEvent) => boolean): Promise<ChangeEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off()
      reject(new Error('no event within 5 s'))
    }, 5000)
    const off = bus.subscribe(LOCAL_WORKSPACE_ID, (m) => {
      if (m.type === 'change' && match(m.event)) {
        clearTimeout(timer)
        off()
        resolve(m.event)
      }
    })
  })
}

const sqlite = DIALECTS[0]!

/** A store holding one collection with one request, Ping, and a sync of it with `dir` (stopped when the test ends). */
async function pingSynced(dir: string) {
  const store = await openTestStore(await sqlite.target())
  const bus = new LocalChangeBus()
  const tree = await store.collections.create('Shop')
  const item = await store.collections.createItem({
    kind: 'request',
    collectionId: tree.id,
    name: 'Ping',
    request: { method: 'GET', url: 'https://main.example.test/ping' },
  })
  const sync = await WorkspaceSync.start({
    dir,
    store,
    bus,
    stateFile: join(tempDataDir(), 's.json'),
    debounceMs: 30,
  })
  onTestFinished(() => sync.stop())
  return { store, bus, item, sync }
}

describe('workspace sync and git', () => {
  it('a branch switch with git checkout changes a request live, and says the status changed', async () => {
    const dir = join(tempDataDir(), 'repo')
    const { store, bus, item, sync } = await pingSynced(dir)
    await git(dir, 'init', '-q', '-b', 'main')
    await git(dir, 'add', '-A')
    await git(dir, 'commit', '-qm', 'first')
    await git(dir, 'checkout', '-qb', 'feature')
    const path = join(dir, 'collections/shop/ping.yaml')
    await writeFile(path, (await readFile(path, 'utf8')).replace('main.example.test', 'feature.example.test'))
    let saved = nextEvent(bus, (e) => e.kind === 'item' && e.id === item.id)
    await saved
    await git(dir, 'commit', '-qam', 'feature url')
    const url = async () => {
      const now = await store.collections.getItem(item.id)
      return now?.kind === 'request' ? now.request.url : null
    }
    expect(await url()).toBe('https://feature.example.test/ping')

    // Back to main: git rewrites the file, the watcher sees it, the request changes; HEAD moving is a 'files' event.
    saved = nextEvent(bus, (e) => e.kind === 'item' && e.id === item.id)
    const status = nextEvent(bus, (e) => e.kind === 'files')
    await git(dir, 'checkout', '-q', 'main')
    await saved
    await status
    expect(await url()).toBe('https://main.example.test/ping')
    // The .git folder is never written by the sync: git sees a clean tree.
    await sync.syncNow()
    expect((await git(dir, 'status', '--porcelain')).stdout).toBe('')
    // A commit that changes no file still changes the status: one 'files' event.
    const committed = nextEvent(bus, (e) => e.kind === 'files')
    await git(dir, 'commit', '--allow-empty', '-qm', 'empty')
    await committed
  })

  for (const where of ['inside a larger repository', 'in a worktree (.git is a file)'] as const)
    it(`a workspace folder ${where}: a commit in a terminal says the status changed, a checkout changes a request live`, async () => {
      const top = join(tempDataDir(), 'repo')
      await mkdir(join(top, 'api'), { recursive: true })
      await git(top, 'init', '-q', '-b', 'main')
      await writeFile(join(top, 'README.md'), 'The service, and its requests in api/.\n')
      await git(top, 'add', '-A')
      await git(top, 'commit', '-qm', 'first')
      let dir = join(top, 'api')
      if (where !== 'inside a larger repository') {
        dir = join(tempDataDir(), 'worktree')
        await git(top, 'worktree', 'add', '-q', '-b', 'work', dir)
      }
      const { store, bus, item, sync } = await pingSynced(dir)
      await sync.syncNow()

      const committed = nextEvent(bus, (e) => e.kind === 'files')
      await git(dir, 'add', '-A')
      await git(dir, 'commit', '-qm', 'requests')
      await committed
      await git(dir, 'checkout', '-qb', 'feature')
      const path = join(dir, 'collections/shop/ping.yaml')
      await writeFile(path, (await readFile(path, 'utf8')).replace('main.example.test', 'feature.example.test'))
      await nextEvent(bus, (e) => e.kind === 'item' && e.id === item.id)
      await git(dir, 'commit', '-qam', 'feature url')
      const back = nextEvent(bus, (e) => e.kind === 'item' && e.id === item.id)
      await git(dir, 'checkout', '-q', where === 'inside a larger repository' ? 'main' : 'work')
      await back
      const now = await store.collections.getItem(item.id)
      expect(now?.kind === 'request' && now.request.url).toBe('https://main.example.test/ping')
    })

  it('prints how long a one-request change takes in a workspace of 500 requests', async () => {
    const store = await openTestStore(await sqlite.target())
    const bus = new LocalChangeBus()
    const dir = join(tempDataDir(), 'big')
    const trees = []
    for (let c = 0; c < 5; c++) {
      const tree = await store.collections.create(`Collection ${c}`)
      trees.push(tree)
      const items = Array.from({ length: 100 }, (_, i) =>
        CollectionItemSchema.parse({
          kind: 'request' as const,
          id: `r-${c}-${i}`,
          collectionId: tree.id,
          parentId: null,
          name: `Request ${i}`,
          position: i,
          version: 1,
          updatedAt: new Date().toISOString(),
          request: {
            method: 'POST',
            url: `https://api.example.test/${c}/${i}`,
            body: { kind: 'json', text: `{"index": ${i}}` },
          },
        }),
      )
      await store.collections.restore({ collection: null, items })
    }
    let t = performance.now()
    const sync = await WorkspaceSync.start({
      dir,
      store,
      bus,
      stateFile: join(tempDataDir(), 's.json'),
      debounceMs: 30,
    })
    onTestFinished(() => sync.stop())
    const first = performance.now() - t
    expect((await sync.files()).length).toBe(505 + 1)
    // The watcher hears the first sync's own 506 files: that echo is read once (it changes nothing).
    await sync.syncNow()

    // Courier → files: one request changed.
    const item = (await store.collections.getItem('r-2-50'))!
    t = performance.now()
    const written = nextEvent(bus, (e) => e.kind === 'files')
    await store.collections.updateItem(item.id, { version: item.version, name: 'Renamed' })
    await bus.publish({
      kind: 'item',
      id: item.id,
      version: item.version + 1,
      action: 'saved',
      workspaceId: LOCAL_WORKSPACE_ID,
      by: { userId: 'local', name: 'Local' },
      clientId: null,
      instanceId: bus.instanceId,
      at: new Date().toISOString(),
    })
    await written
    const toFiles = performance.now() - t

    // Files → Courier: one file changed by another program.
    const path = join(dir, 'collections/collection-3/request-7.yaml')
    t = performance.now()
    const saved = nextEvent(bus, (e) => e.kind === 'item' && e.id === 'r-3-7')
    await writeFile(path, (await readFile(path, 'utf8')).replace('/3/7', '/3/7?changed'))
    await saved
    const toDb = performance.now() - t
    console.log(
      `500 requests: first sync ${first.toFixed(0)} ms; one change Courier → files ${toFiles.toFixed(0)} ms, files → Courier ${toDb.toFixed(0)} ms (30 ms debounce included)`,
    )
  })
})
