import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Environment } from '@courier/shared'
import { filesOfEnvironment, type WorkspaceFile } from '@courier/shared/workspace-files'
import { beforeAll, describe, expect, it } from 'vitest'
import { gitState } from './git-state.js'
import {
  folder,
  git,
  isolateGitConfig,
  readFiles,
  request,
  shopFiles,
  tempFolder,
  writeFiles,
  writeText,
} from './git-test-kit.js'

beforeAll(isolateGitConfig)

const dev = (variables: Environment['variables']): Environment => ({
  id: 'e1',
  name: 'Dev',
  variables,
  version: 1,
  updatedAt: '2026-01-01T00:00:00.000Z',
})

const pathOf = (files: readonly WorkspaceFile[], id: string) =>
  files.find((f) => f.text.includes(`\nid: ${id}\n`))!.path

const ITEMS = [
  request('r-list', 'List orders'),
  request('r-get', 'Get order'),
  request('r-old', 'Old name'),
  folder('f1', 'Admin'),
  request('r-admin', 'Admin report', {}, 'f1'),
]

/** A repository whose first commit holds the Shop collection, the Dev environment and an unrelated file. */
function committedWorkspace(dir: string) {
  git(dir, 'init', '-q', '-b', 'main')
  const files = [
    ...shopFiles(ITEMS),
    filesOfEnvironment(
      dev([
        { name: 'host', value: 'old.example', enabled: true, secret: false },
        { name: 'gone', value: 'x', enabled: true, secret: false },
      ]),
    ),
  ]
  writeFiles(dir, files)
  writeText(dir, 'notes.txt', 'mine\n')
  git(dir, 'add', '-A')
  git(dir, 'commit', '-q', '-m', 'first')
  return files
}

describe('gitState', () => {
  it('answers repository false outside a work tree', async () => {
    const dir = tempFolder()
    expect(await gitState(dir, [])).toEqual({
      repository: false,
      branch: null,
      upstream: null,
      ahead: 0,
      behind: 0,
      changes: [],
    })
  })

  it('lists added, modified, deleted, renamed and untracked files with what changed in words', async () => {
    const dir = tempFolder()
    const before = committedWorkspace(dir)
    // The request edited in Courier: a header, a body, a new name is not given (same file).
    const items = [
      request('r-list', 'List orders', {
        method: 'POST',
        headers: [['X-Api-Key', '{{key}}', true]],
        body: { kind: 'json', text: '{"a":1}' },
      }),
      request('r-old', 'New name'), // Courier's rename: new file, old one removed
      folder('f1', 'Admin'),
      request('r-admin', 'Admin report', {}, 'f1'),
      request('r-new', 'Brand new'),
    ]
    const after = shopFiles(items, { auth: { type: 'bearer', token: '{{token}}', prefix: 'Bearer' } })
    rmSync(join(dir, 'collections'), { recursive: true })
    writeFiles(dir, after)
    writeFiles(dir, [
      filesOfEnvironment(
        dev([
          { name: 'host', value: 'new.example', enabled: true, secret: false },
          { name: 'token', value: '', enabled: true, secret: true },
        ]),
      ),
    ])
    writeText(dir, 'notes.txt', 'changed, not Courier’s\n')
    // A file staged by hand is "added"; a file git itself sees renamed (git mv) is "renamed".
    writeText(
      dir,
      'collections/shop/staged.yaml',
      'courier: 1\nid: r-staged\nname: Staged\nmethod: GET\nurl: http://127.0.0.1:1/\n',
    )
    git(dir, 'add', '--', 'collections/shop/staged.yaml')
    git(dir, 'mv', pathOf(before, 'r-admin'), 'collections/shop/admin/moved.yaml')

    const state = await gitState(dir, readFiles(dir))
    expect(state).toMatchObject({ repository: true, branch: 'main', upstream: null, ahead: 0, behind: 0 })
    const byPath = new Map(state!.changes.map((c) => [c.path, c]))
    expect(byPath.has('notes.txt')).toBe(false)
    expect(state!.changes.map((c) => c.path)).toEqual([...byPath.keys()].sort())

    expect(byPath.get(pathOf(after, 'r-list'))).toEqual({
      path: pathOf(after, 'r-list'),
      status: 'modified',
      kind: 'request',
      name: 'List orders',
      itemId: 'r-list',
      words: ['method changed from GET to POST', 'header X-Api-Key added', 'body changed to JSON'],
    })
    expect(byPath.get(pathOf(before, 'r-get'))).toMatchObject({
      status: 'deleted',
      kind: 'request',
      name: 'Get order',
      itemId: 'r-get',
      words: ['deleted'],
    })
    expect(byPath.get(pathOf(after, 'r-old'))).toMatchObject({
      status: 'renamed',
      name: 'New name',
      itemId: 'r-old',
      words: [`renamed from ${pathOf(before, 'r-old')}`, 'renamed to New name'],
    })
    expect(byPath.has(pathOf(before, 'r-old'))).toBe(false)
    expect(byPath.get(pathOf(after, 'r-new'))).toMatchObject({
      status: 'untracked',
      name: 'Brand new',
      itemId: 'r-new',
      words: ['added'],
    })
    expect(byPath.get('collections/shop/staged.yaml')).toMatchObject({ status: 'added', itemId: 'r-staged' })
    expect(byPath.get('collections/shop/admin/moved.yaml')).toMatchObject({
      status: 'renamed',
      kind: 'request',
      name: 'Admin report',
      words: [`renamed from ${pathOf(before, 'r-admin')}`],
    })
    expect(byPath.get('collections/shop/collection.yaml')).toMatchObject({
      status: 'modified',
      kind: 'collection',
      name: 'Shop',
      itemId: 'c1',
      words: ['auth changed to Bearer', 'contents changed'],
    })
    const env = byPath.get('environments/dev.yaml')!
    expect(env).toMatchObject({ status: 'modified', kind: 'environment', name: 'Dev', itemId: 'e1' })
    expect(env.words).toEqual(['variable host changed', 'variable token added', 'variable gone removed'])
    expect(JSON.stringify(state)).not.toContain('new.example')
  })

  it('says what changed in a folder file, and reads a file the sync did not hand over from the disk', async () => {
    const dir = tempFolder()
    const before = committedWorkspace(dir)
    // The folder first now: the collection's order changes too.
    const after = shopFiles([
      folder('f1', 'Administration', {
        headers: [['X-Team', 'ops', true]],
        variables: [{ name: 'region', value: 'eu', enabled: true, secret: false }],
      }),
      ...ITEMS.filter((i) => i.id !== 'f1'),
    ])
    rmSync(join(dir, 'collections'), { recursive: true })
    writeFiles(dir, after)
    const state = await gitState(dir, []) // nothing handed over: read from the disk
    const folderChange = state!.changes.find((c) => c.kind === 'folder')!
    // Renamed, so its folder moved (a new slug): the id inside says it is the same folder.
    expect(folderChange).toMatchObject({
      path: pathOf(after, 'f1'),
      status: 'renamed',
      name: 'Administration',
      itemId: 'f1',
      words: [
        `renamed from ${pathOf(before, 'f1')}`,
        'renamed to Administration',
        'header X-Team added',
        'variable region added',
      ],
    })
    expect(state!.changes.find((c) => c.itemId === 'r-admin')).toMatchObject({
      path: pathOf(after, 'r-admin'),
      status: 'renamed',
      words: [`renamed from ${pathOf(before, 'r-admin')}`],
    })
    expect(state!.changes.find((c) => c.kind === 'collection')).toMatchObject({ words: ['order changed'] })
  })

  it('says a file that cannot be read now cannot, with its name from HEAD', async () => {
    const dir = tempFolder()
    const before = committedWorkspace(dir)
    writeFileSync(join(dir, pathOf(before, 'r-get')), 'courier: 1\nid: r-get\nname: [unclosed\n')
    const state = await gitState(dir, readFiles(dir))
    expect(state!.changes).toHaveLength(1)
    expect(state!.changes[0]).toMatchObject({ status: 'modified', name: 'Get order', itemId: 'r-get' })
    expect(state!.changes[0]!.words[0]).toMatch(/^cannot be read: The YAML cannot be read at line \d+: /)
  })

  it('lists a file under collections/ that is not Courier’s as other, without reading it', async () => {
    const dir = tempFolder()
    committedWorkspace(dir)
    writeText(dir, 'collections/shop/README.md', 'notes\n')
    git(dir, 'add', '-A')
    git(dir, 'commit', '-q', '-m', 'readme')
    writeText(dir, 'collections/shop/README.md', 'more notes\n')
    writeText(dir, 'environments/nested/x.yaml', 'courier: 1\n')
    const state = await gitState(dir, readFiles(dir))
    expect(state!.changes).toEqual([
      {
        path: 'collections/shop/README.md',
        status: 'modified',
        kind: 'other',
        name: null,
        itemId: null,
        words: ['changed'],
      },
      {
        path: 'environments/nested/x.yaml',
        status: 'untracked',
        kind: 'other',
        name: null,
        itemId: null,
        words: ['added'],
      },
    ])
  })

  it('lists files before the first commit as untracked, on the branch that has no commit yet', async () => {
    const dir = tempFolder()
    git(dir, 'init', '-q', '-b', 'main')
    writeFiles(dir, shopFiles([request('r1', 'One')]))
    const state = await gitState(dir, readFiles(dir))
    expect(state).toMatchObject({ repository: true, branch: 'main', upstream: null })
    expect(state!.changes.map((c) => [c.status, c.kind, c.name])).toEqual([
      ['untracked', 'collection', 'Shop'],
      ['untracked', 'request', 'One'],
    ])
  })

  it('gives paths relative to a workspace folder that is a subfolder of the repository', async () => {
    const top = tempFolder()
    git(top, 'init', '-q', '-b', 'main')
    const dir = join(top, 'api', 'workspace')
    writeFiles(dir, shopFiles([request('r1', 'One')]))
    writeText(top, 'collections/elsewhere.yaml', 'not this workspace\n')
    git(top, 'add', '-A')
    git(top, 'commit', '-q', '-m', 'first')
    writeFiles(dir, shopFiles([request('r1', 'One', { url: 'http://127.0.0.1:2/' })]))
    writeText(top, 'collections/elsewhere.yaml', 'changed, outside the workspace\n')
    const state = await gitState(dir, readFiles(dir))
    expect(state!.changes).toEqual([
      {
        path: 'collections/shop/one.yaml',
        status: 'modified',
        kind: 'request',
        name: 'One',
        itemId: 'r1',
        words: ['URL changed'],
      },
    ])
  })

  it('reports the branch, its upstream and how far ahead and behind it is', async () => {
    const origin = tempFolder()
    git(origin, 'init', '-q', '--bare', '-b', 'main')
    const one = tempFolder()
    git(one, 'clone', '-q', origin, '.')
    writeFiles(one, shopFiles([request('r1', 'One')]))
    git(one, 'add', '-A')
    git(one, 'commit', '-q', '-m', 'first')
    git(one, 'push', '-q', '-u', 'origin', 'main')
    const two = tempFolder()
    git(two, 'clone', '-q', origin, '.')
    writeText(two, 'other.txt', 'theirs\n')
    git(two, 'add', '-A')
    git(two, 'commit', '-q', '-m', 'theirs')
    git(two, 'push', '-q')
    for (const n of [1, 2]) {
      writeText(one, `mine-${n}.txt`, `${n}\n`)
      git(one, 'add', '-A')
      git(one, 'commit', '-q', '-m', `mine ${n}`)
    }
    git(one, 'fetch', '-q')
    expect(await gitState(one, readFiles(one))).toEqual({
      repository: true,
      branch: 'main',
      upstream: 'origin/main',
      ahead: 2,
      behind: 1,
      changes: [],
    })
    git(one, 'checkout', '-q', '--detach')
    expect(await gitState(one, readFiles(one))).toMatchObject({ branch: null, upstream: null })
  })

  it('takes a moment on a workspace of 500 changed requests', async () => {
    const dir = tempFolder()
    git(dir, 'init', '-q', '-b', 'main')
    const many = (url: string) =>
      shopFiles(Array.from({ length: 500 }, (_, i) => request(`r${i}`, `Request ${i}`, { url: `${url}/${i}` })))
    writeFiles(dir, many('http://127.0.0.1:1'))
    git(dir, 'add', '-A')
    git(dir, 'commit', '-q', '-m', 'first')
    const files = many('http://127.0.0.1:2')
    writeFiles(dir, files)
    const started = performance.now()
    const state = await gitState(dir, files)
    const ms = performance.now() - started
    console.log(`gitState on 500 modified requests: ${ms.toFixed(0)} ms`)
    expect(state!.changes).toHaveLength(500)
    expect(state!.changes.every((c) => c.words.join() === 'URL changed')).toBe(true)
  })
})
