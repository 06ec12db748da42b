import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Fastify from 'fastify'
import type { CollectionTree, GitResult, WorkspaceFilesStatus } from '@courier/shared'
import { describe, expect, it, onTestFinished } from 'vitest'
import { app } from '../app.js'
import { tempDataDir, testConfig, TEST_PORT } from '../test/build-test-app.js'
import { isEvent, openEventStream } from '../test/event-stream.js'
import { startLiveServer } from '../test/live-server.js'

const errorOf = (json: unknown) => (json as { error: { code: string; message: string; field?: string } }).error
const git = (dir: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' })

/** A fresh git repository with an identity of its own (no global config needed). */
function repository(): string {
  const dir = tempDataDir()
  git(dir, 'init', '-q', '-b', 'main')
  git(dir, 'config', 'user.name', 'Route Test')
  git(dir, 'config', 'user.email', 'routes@courier.test')
  return dir
}

/** Waits, without a fixed sleep, until `check` holds: each try is a real status call. */
async function until<T>(read: () => Promise<T>, check: (value: T) => boolean, ms = 5000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const value = await read()
    if (check(value)) return value
    if (Date.now() > end) throw new Error(`not reached in ${ms} ms: ${JSON.stringify(value).slice(0, 500)}`)
    await new Promise((r) => setImmediate(r))
  }
}

describe('/api/workspace-files', () => {
  it('with --workspace: a saved request is a changed file with words, commit makes it clean, the folder is fixed', async () => {
    const dir = repository()
    const server = await startLiveServer({ workspaceDir: dir })
    const status = async () => (await server.call('GET', '/api/workspace-files')).json as WorkspaceFilesStatus
    expect(await status()).toMatchObject({ dir, fromFlag: true, problems: [], gitAvailable: true })

    const collection = (await server.call('POST', '/api/collections', { name: 'Shop API' })).json as CollectionTree
    await server.call('POST', '/api/items', {
      collectionId: collection.id,
      parentId: null,
      kind: 'request',
      name: 'List orders',
      request: { method: 'GET', url: 'https://shop.test/orders' },
    })
    const changed = await until(status, (s) => (s.git?.changes ?? []).some((c) => c.kind === 'request'))
    expect(changed.git).toMatchObject({ repository: true, branch: 'main' })
    const request = changed.git!.changes.find((c) => c.kind === 'request')!
    expect(request).toMatchObject({ status: 'untracked', name: 'List orders' })
    expect(existsSync(join(dir, request.path))).toBe(true)
    expect(git(dir, 'status', '--porcelain')).toContain('collections/')

    const committed = await server.call('POST', '/api/workspace-files/commit', { message: 'Add the shop collection' })
    expect(committed.status).toBe(200)
    expect((committed.json as GitResult).status.git!.changes).toEqual([])
    expect(git(dir, 'log', '--format=%s')).toContain('Add the shop collection')

    const refused = await server.call('PUT', '/api/workspace-files', { dir: tempDataDir() })
    expect(refused.status).toBe(409)
    expect(errorOf(refused.json).code).toBe('WORKSPACE_FOLDER_FIXED')
    const empty = await server.call('POST', '/api/workspace-files/commit', { message: '  ' })
    expect(empty.status).toBe(400)
  })

  it('a file changed by another program reaches Courier and open pages hear of it', async () => {
    const dir = repository()
    const server = await startLiveServer({ workspaceDir: dir })
    const collection = (await server.call('POST', '/api/collections', { name: 'Edited outside' }))
      .json as CollectionTree
    const status = async () => (await server.call('GET', '/api/workspace-files')).json as WorkspaceFilesStatus
    const written = await until(status, (s) => (s.git?.changes ?? []).some((c) => c.kind === 'collection'))
    const path = join(dir, written.git!.changes.find((c) => c.kind === 'collection')!.path)
    const events = await openEventStream(`${server.origin}/api/events`, server.headers())
    onTestFinished(() => events.close())
    await events.next(isEvent('ready'))
    writeFileSync(path, readFileSync(path, 'utf8').replace('name: Edited outside', 'name: Renamed in an editor'))
    await events.next(isEvent('change', (data) => data.id === collection.id && data.kind === 'collection'))
    const all = (await server.call('GET', '/api/collections')).json as CollectionTree[]
    expect(all.find((c) => c.id === collection.id)?.name).toBe('Renamed in an editor')
  })

  it('--workspace: a folder never kept is created; one kept before and gone stops the start, deleting nothing', async () => {
    const dataDir = tempDataDir()
    const dir = join(tempDataDir(), 'new-workspace')
    const first = await startLiveServer({ dataDir, workspaceDir: dir })
    await first.call('POST', '/api/collections', { name: 'Kept safe' })
    await until(
      async () => existsSync(join(dir, 'collections', 'kept-safe', 'collection.yaml')),
      (there) => there,
    )
    await first.fastify.close()
    renameSync(dir, `${dir}-moved`)
    const again = Fastify({ forceCloseConnections: true })
    onTestFinished(() => again.close())
    await expect(again.register(app, testConfig({ dataDir, workspaceDir: dir })).ready()).rejects.toThrow(/is gone/)
    expect(existsSync(dir)).toBe(false)
    const later = await startLiveServer({ dataDir })
    const names = ((await later.call('GET', '/api/collections')).json as CollectionTree[]).map((c) => c.name)
    expect(names).toContain('Kept safe')
  })

  it('a repository git cannot read still answers the status, with git’s sentence', async () => {
    const dir = repository()
    git(dir, 'commit', '-q', '--allow-empty', '-m', 'start')
    const server = await startLiveServer({ workspaceDir: dir })
    writeFileSync(join(dir, '.git', 'index'), 'DIRC')
    const answer = await server.call('GET', '/api/workspace-files')
    expect(answer.status).toBe(200)
    const status = answer.json as WorkspaceFilesStatus
    expect(status).toMatchObject({ dir, git: null, problems: [] })
    expect(status.gitError).toMatch(/^git status failed: .*index/)
  })

  it('Settings chooses a folder, checked, remembered across restarts, and let go', async () => {
    const dataDir = tempDataDir()
    const server = await startLiveServer({ dataDir })
    const put = (dir: unknown) => server.call('PUT', '/api/workspace-files', { dir })
    expect(((await server.call('GET', '/api/workspace-files')).json as WorkspaceFilesStatus).dir).toBeNull()
    for (const [dir, words] of [
      ['relative/folder', 'absolute path'],
      [join(dataDir, 'missing'), 'no such folder'],
      [dataDir, 'data folder'],
    ] as const) {
      const answer = await put(dir)
      expect(answer.status).toBe(400)
      expect(errorOf(answer.json)).toMatchObject({ code: 'WORKSPACE_FOLDER_INVALID', field: 'dir' })
      expect(errorOf(answer.json).message).toContain(words)
    }
    const file = join(tempDataDir(), 'a-file')
    writeFileSync(file, 'x')
    expect(errorOf((await put(file)).json).message).toContain('not a folder')

    const dir = tempDataDir()
    mkdirSync(dir, { recursive: true })
    await server.call('POST', '/api/collections', { name: 'Kept before' })
    const chosen = await put(dir)
    expect(chosen.status).toBe(200)
    expect(chosen.json).toMatchObject({ dir, fromFlag: false, git: { repository: false } })
    // What Courier held before the folder was chosen is written there, not lost.
    expect(existsSync(join(dir, 'collections', 'kept-before', 'collection.yaml'))).toBe(true)
    const commit = await server.call('POST', '/api/workspace-files/commit', { message: 'x' })
    expect(commit.status).toBe(409)
    expect(errorOf(commit.json).code).toBe('GIT_FAILED')
    await server.fastify.close()

    const asPage = { ...server.headers(), host: `127.0.0.1:${TEST_PORT}` }
    const again = Fastify({ forceCloseConnections: true })
    await again.register(app, testConfig({ dataDir }))
    onTestFinished(() => again.close())
    const reopened = await again.inject({ method: 'GET', url: '/api/workspace-files', headers: asPage })
    expect((reopened.json() as WorkspaceFilesStatus).dir).toBe(dir)
    const off = await again.inject({
      method: 'PUT',
      url: '/api/workspace-files',
      headers: asPage,
      payload: { dir: null },
    })
    expect((off.json() as WorkspaceFilesStatus).dir).toBeNull()
    const noFolder = await again.inject({
      method: 'POST',
      url: '/api/workspace-files/pull',
      headers: asPage,
      payload: {},
    })
    expect(noFolder.statusCode).toBe(409)
    expect(noFolder.json().error.code).toBe('WORKSPACE_FILES_OFF')
  })

  it('a folder chosen in Settings and gone at start is shown with its problem, deletes nothing, and is kept once back', async () => {
    const dataDir = tempDataDir()
    const dir = tempDataDir()
    const server = await startLiveServer({ dataDir })
    await server.call('POST', '/api/collections', { name: 'Kept before' })
    expect((await server.call('PUT', '/api/workspace-files', { dir })).status).toBe(200)
    await server.fastify.close()
    const away = `${dir}-away`
    renameSync(dir, away)

    const asPage = { ...server.headers(), host: `127.0.0.1:${TEST_PORT}` }
    const again = Fastify({ forceCloseConnections: true })
    await again.register(app, testConfig({ dataDir }))
    onTestFinished(() => again.close())
    const status = async () =>
      (
        await again.inject({ method: 'GET', url: '/api/workspace-files', headers: asPage })
      ).json() as WorkspaceFilesStatus
    const gone = await status()
    expect(gone).toMatchObject({ dir, fromFlag: false, git: null })
    expect(gone.problems).toEqual([{ path: '', message: expect.stringContaining('is gone') }])
    const list = async () =>
      (await again.inject({ method: 'GET', url: '/api/collections', headers: asPage })).json() as CollectionTree[]
    expect((await list()).map((c) => c.name)).toEqual(['Kept before'])
    // Another folder that cannot be kept leaves the wait for this one as it was.
    const refused = await again.inject({
      method: 'PUT',
      url: '/api/workspace-files',
      headers: asPage,
      payload: { dir: join(dataDir, 'not-there') },
    })
    expect(refused.statusCode).toBe(400)
    expect((await status()).dir).toBe(dir)

    renameSync(away, dir)
    const back = await until(status, (s) => s.problems.length === 0 && s.syncedAt !== null)
    expect(back).toMatchObject({ dir, git: { repository: false } })
    expect((await list()).map((c) => c.name)).toEqual(['Kept before'])
    expect(existsSync(join(dir, 'collections', 'kept-before', 'collection.yaml'))).toBe(true)
  })
})
