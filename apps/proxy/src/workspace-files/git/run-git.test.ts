import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { gitState } from './git-state.js'
import { git, isolateGitConfig, tempFolder } from './git-test-kit.js'
import { gitAvailable, redactUrls, runGit, runGitRaw, trimmedStderr } from './run-git.js'

beforeAll(isolateGitConfig)

const rejection = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a rejection')
    },
    (e: unknown) => e as { code: string; message: string },
  )

describe('runGit', () => {
  it('passes arguments as they are, never through a shell', async () => {
    const dir = tempFolder()
    git(dir, 'init', '-q', '-b', 'main')
    const marker = join(dir, 'pwned')
    const run = await runGitRaw(dir, ['check-ref-format', '--branch', `$(touch ${marker})`])
    expect(run.code).not.toBe(0)
    expect(existsSync(marker)).toBe(false)
  })

  it('runs with LC_ALL=C, no terminal prompts and, when asked, no optional locks', async () => {
    const dir = tempFolder()
    // A test-only alias that prints the environment git was started with.
    const shown = await runGitRaw(dir, ['-c', 'alias.env=!env', 'env'], { noOptionalLocks: true })
    const text = shown.stdout.toString('utf8')
    expect(text).toMatch(/^GIT_TERMINAL_PROMPT=0$/m)
    expect(text).toMatch(/^LC_ALL=C$/m)
    expect(text).toMatch(/^GIT_OPTIONAL_LOCKS=0$/m)
  })

  it('works on the folder it is given even when GIT_DIR points elsewhere', async () => {
    const other = tempFolder()
    git(other, 'init', '-q', '-b', 'other')
    const dir = tempFolder()
    git(dir, 'init', '-q', '-b', 'main')
    process.env.GIT_DIR = join(other, '.git')
    try {
      expect((await runGit(dir, ['symbolic-ref', '--short', 'HEAD'])).trim()).toBe('main')
    } finally {
      delete process.env.GIT_DIR
    }
  })

  it('fails with GIT_FAILED and git’s words, trimmed', async () => {
    const dir = tempFolder()
    const error = await rejection(runGit(dir, ['log']))
    expect(error.code).toBe('GIT_FAILED')
    expect(error.message).toMatch(/^git log failed: fatal: not a git repository/)
    expect(trimmedStderr(`  ${'x'.repeat(5000)}  `)).toHaveLength(2049)
  })

  it('says a missing folder is missing, not that git is', async () => {
    const error = await rejection(runGit(join(tempFolder(), 'nope'), ['status']))
    expect(error.code).toBe('GIT_FAILED')
    expect(error.message).toMatch(/does not exist/)
  })

  it('answers GIT_MISSING, gitAvailable false and a null state without git on the PATH', async () => {
    const path = process.env.PATH
    process.env.PATH = tempFolder()
    try {
      const error = await rejection(runGit(tempFolder(), ['status']))
      expect(error.code).toBe('GIT_MISSING')
      expect(await gitAvailable()).toBe(false)
      expect(await gitState(tempFolder(), [])).toBeNull()
    } finally {
      process.env.PATH = path
    }
    expect(await gitAvailable()).toBe(true)
  })

  it('stops a command that runs too long, with what it started', async () => {
    const dir = tempFolder()
    const pidFile = join(dir, 'pid')
    // A test-only alias standing for a hook or an ssh that never ends: its shell writes its pid, then waits.
    const started = Date.now()
    const error = await rejection(
      runGitRaw(dir, ['-c', `alias.hang=!echo $$ > '${pidFile}'; exec sleep 30`, 'hang'], { timeoutMs: 500 }),
    )
    expect(error.code).toBe('GIT_FAILED')
    expect(error.message).toMatch(/^git hang took longer than 0.5 seconds and was stopped/)
    expect(Date.now() - started).toBeLessThan(10_000)
    const pid = Number(readFileSync(pidFile, 'utf8'))
    await expect.poll(() => alive(pid), { timeout: 5000 }).toBe(false)
  })

  it('never repeats a password or token from a remote URL', async () => {
    expect(redactUrls("fatal: unable to access 'https://ann:tok3n@git.example/r.git/': 403")).toBe(
      "fatal: unable to access 'https://ann:***@git.example/r.git/': 403",
    )
    expect(redactUrls('https://git.example/r.git and ssh://git@host/r')).toBe(
      'https://git.example/r.git and ssh://git@host/r',
    )
    const dir = tempFolder()
    git(dir, 'init', '-q', '-b', 'main')
    const error = await rejection(runGit(dir, ['ls-remote', 'http://ann:tok3n@127.0.0.1:9/r.git']))
    expect(error.message).not.toContain('tok3n')
  })
})

/** Whether a process is still running (a zombie, reaped later, counts as ended). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'))
  } catch {
    return false
  }
}
