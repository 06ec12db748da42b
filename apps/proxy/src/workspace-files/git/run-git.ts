import { execFile, type ExecFileOptionsWithBufferEncoding } from 'node:child_process'
import { stat } from 'node:fs/promises'
import { CourierError } from '../../errors.js'

/** Every git command ends within this, or is killed with the processes it started (ssh, a hook). */
export const GIT_TIMEOUT_MS = 60_000
const MAX_BUFFER = 64 * 1024 * 1024
const STDERR_LIMIT = 2048

export type GitRun = { code: number; stdout: Buffer; stderr: string }

export type GitOptions = {
  /** Written to git's standard input (a commit message with `--file=-`, `cat-file --batch` requests). */
  input?: string
  /** A read that must not take the index lock (status refreshes it otherwise). */
  noOptionalLocks?: boolean
}

/** git's stderr as a person reads it: trimmed, at most ~2 KB. */
export function trimmedStderr(stderr: string): string {
  const text = stderr.trim()
  return text.length > STDERR_LIMIT ? `${text.slice(0, STDERR_LIMIT)}…` : text
}

function gitEnv(options: GitOptions): NodeJS.ProcessEnv {
  return {
    ...process.env,
    // Never a credential prompt: a remote that needs a password fails with git's sentence instead of hanging.
    GIT_TERMINAL_PROMPT: '0',
    LC_ALL: 'C',
    LANGUAGE: 'C',
    ...(options.noOptionalLocks ? { GIT_OPTIONAL_LOCKS: '0' } : {}),
  }
}

/**
 * Runs `git ARGS` in `cwd` without a shell and answers its exit code and output, whatever the code.
 * A missing git is GIT_MISSING; a missing folder, a timeout or an output too large is GIT_FAILED.
 * The child gets its own session (`detached`): no terminal for ssh to ask a passphrase on, and the
 * timeout kills the whole group.
 */
export async function runGitRaw(cwd: string, args: readonly string[], options: GitOptions = {}): Promise<GitRun> {
  const folder = await stat(cwd).catch(() => null)
  if (!folder?.isDirectory()) throw new CourierError('GIT_FAILED', `The folder ${cwd} does not exist.`)
  // execFile hands its options to spawn, which knows `detached`; the typings leave it out.
  const spawnOptions: ExecFileOptionsWithBufferEncoding = Object.assign(
    { cwd, env: gitEnv(options), encoding: 'buffer' as const, maxBuffer: MAX_BUFFER, windowsHide: true },
    { detached: true },
  )
  return new Promise<GitRun>((resolve, reject) => {
    let timedOut = false
    const child = execFile('git', [...args], spawnOptions, (error, stdout, stderr) => {
      clearTimeout(timer)
      const err = error as (NodeJS.ErrnoException & { code?: unknown }) | null
      if (err && err.code === 'ENOENT' && err.syscall?.startsWith('spawn'))
        return reject(
          new CourierError('GIT_MISSING', 'git is not installed on this computer (or not on the PATH).', {
            cause: err,
          }),
        )
      const stderrText = stderr.toString('utf8')
      if (timedOut)
        return reject(
          new CourierError(
            'GIT_FAILED',
            `git ${args[0]} took longer than ${GIT_TIMEOUT_MS / 1000} seconds and was stopped.${tail(stderrText)}`,
          ),
        )
      if (err && err.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER')
        return reject(new CourierError('GIT_FAILED', `git ${args[0]} printed more than Courier reads.`))
      if (err && typeof err.code !== 'number')
        return reject(new CourierError('GIT_FAILED', `git ${args[0]} could not run: ${err.message}`, { cause: err }))
      resolve({ code: err ? (err.code as unknown as number) : 0, stdout, stderr: stderrText })
    })
    const timer = setTimeout(() => {
      timedOut = true
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL')
      } catch {
        child.kill('SIGKILL')
      }
    }, GIT_TIMEOUT_MS)
    child.stdin?.on('error', () => {}) // git may exit before reading all of it
    child.stdin?.end(options.input ?? '')
  })
}

const tail = (stderr: string) => (stderr.trim() ? ` git said: ${trimmedStderr(stderr)}` : '')

/** A failed git command as a sentence: what ran and what git said. */
export function gitFailed(args: readonly string[], run: GitRun): CourierError {
  const said = trimmedStderr(run.stderr) || trimmedStderr(run.stdout.toString('utf8'))
  return new CourierError('GIT_FAILED', `git ${args[0]} failed${said ? `: ${said}` : ` (exit code ${run.code}).`}`, {
    details: { exitCode: run.code },
  })
}

/** Runs `git ARGS` in `cwd` and answers its stdout as text; a non-zero exit is GIT_FAILED with git's stderr. */
export async function runGit(cwd: string, args: readonly string[], options: GitOptions = {}): Promise<string> {
  const run = await runGitRaw(cwd, args, options)
  if (run.code !== 0) throw gitFailed(args, run)
  return run.stdout.toString('utf8')
}

/** What a command printed, as a person reads it: stdout then stderr, trimmed. */
export function printed(run: GitRun): string {
  return [run.stdout.toString('utf8').trim(), run.stderr.trim()].filter(Boolean).join('\n')
}

let available: Promise<boolean> | null = null

/** Whether the system has a `git` (asked once; `git --version`). */
export function gitAvailable(): Promise<boolean> {
  available ??= runGitRaw(process.cwd(), ['--version']).then(
    (run) => run.code === 0,
    () => {
      available = null
      return false
    },
  )
  return available
}
