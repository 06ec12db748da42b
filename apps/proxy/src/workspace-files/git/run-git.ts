import { spawn } from 'node:child_process'
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
  /** Only tests shorten it. */
  timeoutMs?: number
}

/** A remote's URL may carry a password or token (`https://user:token@host/`): never repeated in clear. */
export function redactUrls(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/[^\s/:@'"]*):[^\s/@'"]*@/gi, '$1:***@')
}

/** git's stderr as a person reads it: trimmed, at most ~2 KB, no credentials in URLs. */
export function trimmedStderr(stderr: string): string {
  const text = redactUrls(stderr.trim())
  return text.length > STDERR_LIMIT ? `${text.slice(0, STDERR_LIMIT)}…` : text
}

/** Variables that would point git at another repository than the folder's (Courier started from a hook, say). */
const REPOSITORY_VARIABLES = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_COMMON_DIR',
  'GIT_NAMESPACE',
  'GIT_PREFIX',
  'GIT_CEILING_DIRECTORIES',
]

function gitEnv(options: GitOptions): NodeJS.ProcessEnv {
  const inherited = { ...process.env }
  for (const name of REPOSITORY_VARIABLES) delete inherited[name]
  return {
    ...inherited,
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
 * spawn rather than execFile: execFile drops `detached`, and the child needs its own session (no
 * terminal for ssh to ask a passphrase on) and process group (the timeout kills git with the hooks,
 * ssh or helpers it started, which would otherwise hold its output open).
 */
export async function runGitRaw(cwd: string, args: readonly string[], options: GitOptions = {}): Promise<GitRun> {
  const folder = await stat(cwd).catch(() => null)
  if (!folder?.isDirectory()) throw new CourierError('GIT_FAILED', `The folder ${cwd} does not exist.`)
  const timeoutMs = options.timeoutMs ?? GIT_TIMEOUT_MS
  return new Promise<GitRun>((resolve, reject) => {
    const child = spawn('git', [...args], {
      cwd,
      env: gitEnv(options),
      shell: false,
      detached: process.platform !== 'win32',
      windowsHide: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    let size = 0
    let stopped: 'timeout' | 'too-large' | null = null
    const killAll = () => {
      try {
        if (child.pid && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL')
        else child.kill('SIGKILL')
      } catch {
        child.kill('SIGKILL')
      }
    }
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BUFFER) {
        stopped ??= 'too-large'
        killAll()
      } else into.push(chunk)
    }
    child.stdout.on('data', collect(out))
    child.stderr.on('data', collect(err))
    const timer = setTimeout(() => {
      stopped ??= 'timeout'
      killAll()
    }, timeoutMs)
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      reject(
        error.code === 'ENOENT'
          ? new CourierError('GIT_MISSING', 'git is not installed on this computer (or not on the PATH).', {
              cause: error,
            })
          : new CourierError('GIT_FAILED', `git ${args[0]} could not run: ${error.message}`, { cause: error }),
      )
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      const stderr = Buffer.concat(err).toString('utf8')
      if (stopped === 'timeout')
        return reject(
          new CourierError(
            'GIT_FAILED',
            `git ${subcommandOf(args)} took longer than ${timeoutMs / 1000} seconds and was stopped.${tail(stderr)}`,
          ),
        )
      if (stopped === 'too-large')
        return reject(new CourierError('GIT_FAILED', `git ${args[0]} printed more than Courier reads.`))
      if (code === null)
        return reject(
          new CourierError('GIT_FAILED', `git ${subcommandOf(args)} was stopped (${signal ?? 'a signal'}).`),
        )
      resolve({ code, stdout: Buffer.concat(out), stderr })
    })
    child.stdin.on('error', () => {}) // git may exit before reading all of it
    child.stdin.end(options.input ?? '')
  })
}

/** The git subcommand in `args` (`status` in `-c core.fsmonitor=false status …`), for sentences. */
export function subcommandOf(args: readonly string[]): string {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-c' || args[i] === '-C') i++
    else if (!args[i]!.startsWith('-')) return args[i]!
  }
  return args[0] ?? ''
}

const tail = (stderr: string) => (stderr.trim() ? ` git said: ${trimmedStderr(stderr)}` : '')

/** A failed git command as a sentence: what ran and what git said. */
export function gitFailed(args: readonly string[], run: GitRun): CourierError {
  const said = trimmedStderr(run.stderr) || trimmedStderr(run.stdout.toString('utf8'))
  return new CourierError(
    'GIT_FAILED',
    `git ${subcommandOf(args)} failed${said ? `: ${said}` : ` (exit code ${run.code}).`}`,
    {
      details: { exitCode: run.code },
    },
  )
}

/** Runs `git ARGS` in `cwd` and answers its stdout as text; a non-zero exit is GIT_FAILED with git's stderr. */
export async function runGit(cwd: string, args: readonly string[], options: GitOptions = {}): Promise<string> {
  const run = await runGitRaw(cwd, args, options)
  if (run.code !== 0) throw gitFailed(args, run)
  return run.stdout.toString('utf8')
}

/** What a command printed, as a person reads it: stdout then stderr, trimmed. */
export function printed(run: GitRun): string {
  return redactUrls([run.stdout.toString('utf8').trim(), run.stderr.trim()].filter(Boolean).join('\n'))
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
