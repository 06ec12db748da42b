import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { gitState } from './git-state.js'
import { git, isolateGitConfig, tempFolder } from './git-test-kit.js'
import { gitAvailable, runGit, runGitRaw, trimmedStderr } from './run-git.js'

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
})
