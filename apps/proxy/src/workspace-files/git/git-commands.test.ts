import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { gitCommit, gitInit, gitPull, gitPush } from './git-commands.js'
import { gitState } from './git-state.js'
import { gitAvailable } from './run-git.js'
import {
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

const ONE = 'collections/shop/one.yaml'

/** A repository with Shop committed and an unrelated file beside it. */
function repository(): string {
  const dir = tempFolder()
  git(dir, 'init', '-q', '-b', 'main')
  writeFiles(dir, shopFiles([request('r1', 'One')]))
  writeText(dir, 'notes.txt', 'mine\n')
  git(dir, 'add', '-A')
  git(dir, 'commit', '-q', '-m', 'first')
  return dir
}

/** A bare origin with Shop on main, and two clones of it with main tracking origin/main. */
function originAndClones() {
  const origin = tempFolder()
  git(origin, 'init', '-q', '--bare', '-b', 'main')
  const seed = tempFolder()
  git(seed, 'clone', '-q', origin, '.')
  writeFiles(seed, shopFiles([request('r1', 'One')]))
  git(seed, 'add', '-A')
  git(seed, 'commit', '-q', '-m', 'first')
  git(seed, 'push', '-q', '-u', 'origin', 'main')
  const clone = () => {
    const dir = tempFolder()
    git(dir, 'clone', '-q', origin, '.')
    return dir
  }
  return { origin, one: clone(), two: clone() }
}

const lastMessage = (dir: string) => git(dir, 'log', '-1', '--format=%B').trim()
const rejection = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a rejection')
    },
    (e: unknown) => e as { code: string; message: string },
  )

describe('git commands', () => {
  it('finds git', async () => {
    expect(await gitAvailable()).toBe(true)
  })

  it('initialises a repository on main, and refuses inside one', async () => {
    const dir = tempFolder()
    expect(await gitInit(dir)).toMatch(/Initialized empty Git repository/)
    expect(git(dir, 'symbolic-ref', '--short', 'HEAD').trim()).toBe('main')
    const again = await rejection(gitInit(dir))
    expect(again.code).toBe('GIT_FAILED')
    expect(again.message).toMatch(/already in a git repository/)
    const inside = join(dir, 'sub')
    writeText(dir, 'sub/x.txt', 'x')
    expect((await rejection(gitInit(inside))).message).toMatch(/already in a git repository/)
  })

  it('commits only collections/ and environments/, leaving another changed file unstaged', async () => {
    const dir = repository()
    writeFiles(dir, shopFiles([request('r1', 'One', { url: 'http://127.0.0.1:2/' }), request('r2', 'Two')]))
    writeText(dir, 'environments/dev.yaml', 'courier: 1\nid: e1\nname: Dev\n')
    writeText(dir, 'notes.txt', 'changed\n')
    writeText(dir, 'unrelated-new.txt', 'new\n')
    const output = await gitCommit(dir, 'Add Two and Dev')
    expect(output).toMatch(/Add Two and Dev/)
    expect(git(dir, 'show', '--name-only', '--format=', 'HEAD').trim().split('\n').sort()).toEqual([
      'collections/shop/collection.yaml',
      ONE,
      'collections/shop/two.yaml',
      'environments/dev.yaml',
    ])
    expect(git(dir, 'status', '--porcelain').split('\n').filter(Boolean).sort()).toEqual([
      ' M notes.txt',
      '?? unrelated-new.txt',
    ])
    expect((await gitState(dir, readFiles(dir)))!.changes).toEqual([])
  })

  it('leaves a file the person staged themselves out of the commit, still staged', async () => {
    const dir = repository()
    writeText(dir, 'notes.txt', 'staged by hand\n')
    git(dir, 'add', 'notes.txt')
    writeFiles(dir, shopFiles([request('r1', 'One', { method: 'POST' })]))
    await gitCommit(dir, 'POST now')
    expect(git(dir, 'show', '--name-only', '--format=', 'HEAD').trim()).toBe(ONE)
    expect(git(dir, 'status', '--porcelain').trim()).toBe('M  notes.txt')
  })

  it('commits deletions, also when a whole folder of Courier’s is gone', async () => {
    const dir = repository()
    writeText(dir, 'environments/dev.yaml', 'courier: 1\nid: e1\nname: Dev\n')
    await gitCommit(dir, 'Dev')
    git(dir, 'rm', '-q', '--cached', '-r', 'environments') // then removed from the disk as Courier would
    git(dir, 'reset', '-q')
    rmSync(join(dir, 'environments'), { recursive: true })
    await gitCommit(dir, 'No Dev')
    expect(git(dir, 'show', '--name-status', '--format=', 'HEAD').trim()).toBe('D\tenvironments/dev.yaml')
  })

  it('commits into a new repository, with Courier’s environments folder still empty', async () => {
    const dir = tempFolder()
    await gitInit(dir)
    writeFiles(dir, shopFiles([request('r1', 'One')]))
    mkdirSync(join(dir, 'environments'))
    await gitCommit(dir, 'First')
    expect(git(dir, 'show', '--name-only', '--format=', 'HEAD').trim().split('\n')).toEqual([
      'collections/shop/collection.yaml',
      ONE,
    ])
    const state = await gitState(dir, readFiles(dir))
    expect(state).toMatchObject({ branch: 'main', changes: [] })
  })

  it('says there is nothing to commit', async () => {
    const dir = repository()
    writeText(dir, 'notes.txt', 'only this changed\n')
    const error = await rejection(gitCommit(dir, 'nothing'))
    expect(error).toMatchObject({
      code: 'GIT_FAILED',
      message: 'Nothing to commit: the files are as the last commit has them.',
    })
    expect(git(dir, 'status', '--porcelain').trim()).toBe('M notes.txt')
  })

  it('keeps a message starting with "-" as the message', async () => {
    const dir = repository()
    writeFiles(dir, shopFiles([request('r1', 'One', { method: 'PUT' })]))
    await gitCommit(dir, '--amend -m injected')
    expect(lastMessage(dir)).toBe('--amend -m injected')
    expect(git(dir, 'rev-list', '--count', 'HEAD').trim()).toBe('2')
    writeFiles(dir, shopFiles([request('r1', 'One', { method: 'DELETE' })]))
    await gitCommit(dir, '-n\nsecond line')
    expect(lastMessage(dir)).toBe('-n\nsecond line')
  })

  it('says how to set a name and email when git has none, before staging anything', async () => {
    const dir = repository()
    writeFiles(dir, shopFiles([request('r1', 'One', { method: 'PATCH' })]))
    const saved = { ...process.env }
    // No global config, and git may not guess an identity from the host.
    process.env.GIT_CONFIG_GLOBAL = '/dev/null'
    process.env.GIT_CONFIG_COUNT = '1'
    process.env.GIT_CONFIG_KEY_0 = 'user.useConfigOnly'
    process.env.GIT_CONFIG_VALUE_0 = 'true'
    delete process.env.EMAIL
    try {
      const error = await rejection(gitCommit(dir, 'who am I'))
      expect(error.code).toBe('GIT_FAILED')
      expect(error.message).toMatch(/git config --global user\.name "Your Name"/)
      expect(error.message).toMatch(/user\.email/)
    } finally {
      for (const key of ['GIT_CONFIG_COUNT', 'GIT_CONFIG_KEY_0', 'GIT_CONFIG_VALUE_0']) delete process.env[key]
      Object.assign(process.env, saved)
    }
    expect(git(dir, 'diff', '--cached', '--name-only').trim()).toBe('')
  })

  it('refuses to commit outside a repository', async () => {
    const dir = tempFolder()
    writeFiles(dir, shopFiles([request('r1', 'One')]))
    expect((await rejection(gitCommit(dir, 'x'))).message).toMatch(/not in a git repository/)
  })

  it('pulls a change another clone pushed (fast-forward)', async () => {
    const { one, two } = originAndClones()
    writeFiles(two, shopFiles([request('r1', 'One', { url: 'http://127.0.0.1:3/' })]))
    await gitCommit(two, 'Port 3')
    expect(await gitPush(two)).toMatch(/main -> main/)
    const output = await gitPull(one)
    expect(output).toMatch(/Fast-forward/)
    expect(readFileSync(join(one, ONE), 'utf8')).toContain('http://127.0.0.1:3/')
    expect(await gitState(one, readFiles(one))).toMatchObject({ ahead: 0, behind: 0, changes: [] })
  })

  it('merges on a pull even when both sides committed, whatever pull.rebase says', async () => {
    const { one, two } = originAndClones()
    git(one, 'config', 'pull.rebase', 'true')
    writeFiles(two, shopFiles([request('r1', 'One'), request('r2', 'Two')]))
    await gitCommit(two, 'Two')
    await gitPush(two)
    writeText(one, 'environments/dev.yaml', 'courier: 1\nid: e1\nname: Dev\n')
    await gitCommit(one, 'Dev')
    expect(await gitPull(one)).toMatch(/Merge made/)
    expect(git(one, 'log', '-1', '--format=%P').trim().split(' ')).toHaveLength(2)
    expect(existsSync(join(one, 'collections/shop/two.yaml'))).toBe(true)
  })

  it('answers a pull with conflicts, shows them conflicted, and commits once they are resolved', async () => {
    const { one, two } = originAndClones()
    writeFiles(two, shopFiles([request('r1', 'One', { url: 'http://127.0.0.1:2/' })]))
    await gitCommit(two, 'Theirs')
    await gitPush(two)
    writeFiles(one, shopFiles([request('r1', 'One', { url: 'http://127.0.0.1:9/' })]))
    await gitCommit(one, 'Mine')
    const output = await gitPull(one)
    expect(output).toMatch(/CONFLICT \(content\): Merge conflict in collections\/shop\/one\.yaml/)
    expect(output).toMatch(/The pull left conflicts/)
    expect(readFileSync(join(one, ONE), 'utf8')).toMatch(/^<<<<<<< /m)
    const state = await gitState(one, readFiles(one))
    expect(state!.changes).toEqual([
      {
        path: ONE,
        status: 'conflicted',
        kind: 'request',
        name: 'One',
        itemId: 'r1',
        words: ['merge conflict: changed on both sides'],
      },
    ])
    expect((await rejection(gitCommit(one, 'too early'))).message).toMatch(
      /still have conflict markers .*collections\/shop\/one\.yaml/,
    )
    writeFiles(one, shopFiles([request('r1', 'One', { url: 'http://127.0.0.1:9/' })]))
    await gitCommit(one, 'Merge, keeping mine')
    expect(git(one, 'log', '-1', '--format=%P').trim().split(' ')).toHaveLength(2)
    expect(await gitPush(one)).toMatch(/main -> main/)
  })

  it('shows a request deleted on one side and changed on the other as conflicted, named from HEAD', async () => {
    const { one, two } = originAndClones()
    rmSync(join(two, ONE))
    writeFiles(
      two,
      shopFiles([]).filter((f) => f.path.endsWith('collection.yaml')),
    )
    await gitCommit(two, 'No One')
    await gitPush(two)
    writeFiles(one, shopFiles([request('r1', 'One', { method: 'POST' })]))
    await gitCommit(one, 'POST One')
    expect(await gitPull(one)).toMatch(/CONFLICT \(modify\/delete\)/)
    const state = await gitState(one, readFiles(one))
    expect(state!.changes).toEqual([
      // Merged cleanly: their collection no longer lists One.
      {
        path: 'collections/shop/collection.yaml',
        status: 'modified',
        kind: 'collection',
        name: 'Shop',
        itemId: 'c1',
        words: ['contents changed'],
      },
      {
        path: ONE,
        status: 'conflicted',
        kind: 'request',
        name: 'One',
        itemId: 'r1',
        words: ['merge conflict: changed by us, deleted by them'],
      },
    ])
    // Keeping ours: the file has no markers, so committing concludes the merge.
    await gitCommit(one, 'Keep One')
    expect(git(one, 'log', '-1', '--format=%P').trim().split(' ')).toHaveLength(2)
    expect(existsSync(join(one, ONE))).toBe(true)
  })

  it('says to commit first when a pull would overwrite uncommitted changes', async () => {
    const { one, two } = originAndClones()
    writeFiles(two, shopFiles([request('r1', 'One', { url: 'http://127.0.0.1:2/' })]))
    await gitCommit(two, 'Theirs')
    await gitPush(two)
    writeFiles(one, shopFiles([request('r1', 'One', { url: 'http://127.0.0.1:9/' })]))
    const error = await rejection(gitPull(one))
    expect(error.code).toBe('GIT_FAILED')
    expect(error.message).toMatch(/^Commit your changes first: .*collections\/shop\/one\.yaml/s)
    expect(readFileSync(join(one, ONE), 'utf8')).toContain('http://127.0.0.1:9/')
  })

  it('says a branch without an upstream cannot pull', async () => {
    const dir = repository()
    const error = await rejection(gitPull(dir))
    expect(error.code).toBe('GIT_FAILED')
    expect(error.message).toMatch(/^This branch has no upstream: /)
  })

  it('pushes a branch without an upstream to origin and sets it', async () => {
    const { origin, one } = originAndClones()
    git(one, 'checkout', '-q', '-b', 'feature')
    writeFiles(one, shopFiles([request('r1', 'One', { method: 'HEAD' })]))
    await gitCommit(one, 'Feature')
    expect((await gitState(one, readFiles(one)))!.upstream).toBeNull()
    const output = await gitPush(one)
    expect(output).toMatch(/feature -> feature/)
    expect(git(origin, 'rev-parse', 'feature').trim()).toBe(git(one, 'rev-parse', 'HEAD').trim())
    expect(await gitState(one, readFiles(one))).toMatchObject({
      branch: 'feature',
      upstream: 'origin/feature',
      ahead: 0,
    })
    writeFiles(one, shopFiles([request('r1', 'One', { method: 'OPTIONS' })]))
    await gitCommit(one, 'Again')
    expect(await gitState(one, readFiles(one))).toMatchObject({ ahead: 1 })
    expect(await gitPush(one)).toMatch(/feature -> feature/)
  })

  it('says a branch with no upstream and no origin cannot be pushed', async () => {
    const dir = repository()
    expect((await rejection(gitPush(dir))).message).toMatch(/no remote named origin/)
  })

  it('fails a rejected push with git’s own words', async () => {
    const { one, two } = originAndClones()
    writeFiles(two, shopFiles([request('r1', 'One', { url: 'http://127.0.0.1:5/' })]))
    await gitCommit(two, 'Theirs')
    await gitPush(two)
    writeFiles(one, shopFiles([request('r1', 'One', { url: 'http://127.0.0.1:6/' })]))
    await gitCommit(one, 'Mine')
    const error = await rejection(gitPush(one))
    expect(error.code).toBe('GIT_FAILED')
    expect(error.message).toMatch(/^git push failed: .*rejected/s)
  })

  it('fails a pull from a remote that asks for a password instead of waiting for one', async () => {
    // A real local server that wants Basic credentials for everything: git must answer, not prompt.
    const server = createServer((_req, res) => {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"' }).end()
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())))
    const port = (server.address() as AddressInfo).port
    const dir = repository()
    git(dir, 'remote', 'add', 'origin', `http://127.0.0.1:${port}/repo.git`)
    git(dir, 'config', 'branch.main.remote', 'origin')
    git(dir, 'config', 'branch.main.merge', 'refs/heads/main')
    const started = Date.now()
    const error = await rejection(gitPull(dir))
    expect(error.code).toBe('GIT_FAILED')
    expect(error.message).toMatch(/^git pull failed: .*terminal prompts disabled/s)
    expect(Date.now() - started).toBeLessThan(30_000)
    expect((await rejection(gitPush(dir))).message).toMatch(/terminal prompts disabled/)
  })
})
