import type { QuickJSHandle } from 'quickjs-emscripten-core'
import { createRealm, disposeRealm, memoryUsed, type Realm } from './realm.js'
import type {
  RunScriptInput,
  RunScriptResult,
  ScopeChanges,
  ScriptError,
  ScriptResponse,
  VariableChanges,
  ScriptVariables,
} from './types.js'

export const DEFAULT_LIMITS = { timeMs: 5_000, memoryBytes: 32 * 1024 * 1024 }
/**
 * A realm is rebuilt after this many runs (defence in depth; the realm is frozen anyway, and what
 * runs leave behind is measured every 25 runs). A rebuild costs ~30 ms once warm: every 500 runs it
 * was a fifth of a long run's sandbox time.
 */
const RUNS_PER_REALM = 5_000
/** Time given to read the result of a run that hit its limit. */
const RESULT_GRACE_MS = 200

// The prefix sits on the script's first line so that lines keep their numbers.
const PREFIX = '__courier.start(async function(){with(this){'
const SUFFIX = '\n}})'

const idle: Realm[] = []
let tokens = 0

async function acquire(): Promise<Realm> {
  return idle.pop() ?? (await createRealm())
}

/** `clean`: the realm was not stopped mid-run, so it can be freed (see disposeRealm). */
function release(realm: Realm, healthy: boolean, clean = healthy): void {
  realm.run = undefined
  if (healthy && realm.runs < RUNS_PER_REALM) return void idle.push(realm)
  forgetRealm(realm, clean)
  disposeRealm(realm, clean)
  if (clean) return
  // Its module is retired: the idle realms in it go too, so that the module's memory (the stopped
  // runtime's included) is let go now rather than after their last run.
  for (let i = idle.length - 1; i >= 0; i--) {
    const other = idle[i]!
    if (other.module !== realm.module) continue
    idle.splice(i, 1)
    forgetRealm(other)
    disposeRealm(other, true)
  }
}

/** Warm a realm ahead of the first run (chai takes a few milliseconds to load). */
export async function warmSandbox(): Promise<void> {
  release(await acquire(), true)
}

function position(stack: string | undefined): { line?: number; column?: number } {
  const match = /script\.js:(\d+)(?::(\d+))?/.exec(stack ?? '')
  if (!match) return {}
  const line = Number(match[1])
  let column = match[2] ? Number(match[2]) : undefined
  if (line === 1 && column !== undefined) column = Math.max(1, column - PREFIX.length)
  return { line, ...(column !== undefined ? { column } : {}) }
}

function changes(before: Record<string, unknown> = {}, after: Record<string, unknown> = {}): ScopeChanges {
  const set: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(after))
    if (!(key in before) || JSON.stringify(before[key]) !== JSON.stringify(value)) set[key] = value
  return { set, unset: Object.keys(before).filter((key) => !(key in after)) }
}

const limitMessage = {
  'limit-time': (ms: number) => `The script ran longer than its time limit of ${ms} ms and was stopped.`,
  'limit-memory': (bytes: number) =>
    `The script used more memory than its limit of ${Math.round(bytes / 1024 / 1024)} MB and was stopped.`,
}

interface Prepared {
  realm: Realm
  call: (name: string, ...args: (string | number)[]) => { ok: true; value: unknown } | { ok: false; error: unknown }
}

const functions = new WeakMap<Realm, Map<string, QuickJSHandle>>()

function prepare(realm: Realm): Prepared {
  const { context } = realm
  let cache = functions.get(realm)
  if (!cache) functions.set(realm, (cache = new Map()))
  const fns = cache
  const call = (name: string, ...args: (string | number)[]) => {
    let fn = fns.get(name)
    if (!fn) fns.set(name, (fn = context.getProp(realm.courier, name)))
    const handles: QuickJSHandle[] = args.map((arg) =>
      typeof arg === 'number' ? context.newNumber(arg) : context.newString(arg),
    )
    const result = context.callFunction(fn, realm.courier, ...handles)
    for (const handle of handles) handle.dispose()
    if (result.error) {
      const error = context.dump(result.error)
      result.error.dispose()
      return { ok: false as const, error }
    }
    const value =
      context.typeof(result.value) === 'string' ? context.getString(result.value) : context.dump(result.value)
    result.value.dispose()
    return { ok: true as const, value }
  }
  return { realm, call }
}

/** Let go of a realm's cached handles before it is disposed. */
export function forgetRealm(realm: Realm, clean = true): void {
  if (clean) for (const handle of functions.get(realm)?.values() ?? []) handle.dispose()
  functions.delete(realm)
}

function isOutOfMemory(error: unknown): boolean {
  const text = typeof error === 'object' && error !== null ? JSON.stringify(error) : String(error)
  return /out of memory/i.test(text)
}

/**
 * Runs one Postman script in the QuickJS sandbox and returns its tests, variable changes, console
 * and error. Never throws for anything the script does; the limits bound time (wall clock, sends
 * and timers included) and memory.
 */
export async function runScript(input: RunScriptInput): Promise<RunScriptResult> {
  try {
    return await runInSandbox(input)
  } catch (error) {
    // The engine itself failed (it should not): the realm it used is dropped, never reused.
    return {
      tests: [],
      variables: emptyVariables(input.variables),
      variableChanges: {
        environment: { set: {}, unset: [] },
        collectionVariables: { set: {}, unset: [] },
        globals: { set: {}, unset: [] },
        local: { set: {}, unset: [] },
      },
      console: [],
      skipRequest: false,
      error: {
        kind: 'runtime',
        message: `The script sandbox failed: ${error instanceof Error ? error.message : String(error)}`,
      },
    }
  }
}

async function runInSandbox(input: RunScriptInput): Promise<RunScriptResult> {
  const limits = { ...DEFAULT_LIMITS, ...input.limits }
  const realm = await acquire()
  const { context, runtime } = realm
  const { call } = prepare(realm)
  const token = ++tokens
  realm.runs++
  realm.interrupted = false
  const started = performance.now()
  realm.deadline = started + limits.timeMs
  runtime.setMemoryLimit(realm.baseline + limits.memoryBytes)

  const completedSends: { id: number; ok: boolean; text: string }[] = []
  const timers = new Map<number, number>()
  let outstandingSends = 0
  let wake: (() => void) | undefined
  const poke = () => wake?.()

  realm.run = {
    token,
    onSend: (id, requestJson) => {
      outstandingSends++
      const send = input.sendRequest
      const request = JSON.parse(requestJson) as Parameters<NonNullable<RunScriptInput['sendRequest']>>[0]
      const settle = (ok: boolean, text: string) => {
        outstandingSends--
        completedSends.push({ id, ok, text })
        poke()
      }
      if (!send) {
        queueMicrotask(() => settle(false, 'pm.sendRequest is not available here.'))
        return
      }
      send(request).then(
        (response: ScriptResponse) => settle(true, JSON.stringify(response)),
        (error: unknown) => settle(false, error instanceof Error ? error.message : String(error)),
      )
    },
    onTimer: (id, ms) => {
      timers.set(id, performance.now() + ms)
    },
    onClearTimer: (id) => {
      timers.delete(id)
    },
  }

  let error: ScriptError | undefined
  let healthy = true
  const fail = (kind: ScriptError['kind'], message: string, stack?: string) => {
    error ??= { kind, message, ...position(stack) }
  }
  const limitHit = (raw: unknown) => {
    if (realm.interrupted) fail('limit-time', limitMessage['limit-time'](limits.timeMs))
    else if (isOutOfMemory(raw)) fail('limit-memory', limitMessage['limit-memory'](limits.memoryBytes))
    else return false
    healthy = false
    return true
  }

  const begun = call('begin', token, JSON.stringify({ ...input, sendRequest: undefined, limits: undefined }))
  if (!begun.ok) throw new Error(`The script sandbox could not start a run: ${JSON.stringify(begun.error)}`)

  const evaluated = context.evalCode(PREFIX + input.code + SUFFIX, 'script.js')
  if (evaluated.error) {
    const raw = context.dump(evaluated.error) as { name?: string; message?: string; stack?: string }
    evaluated.error.dispose()
    if (!limitHit(raw))
      fail(
        raw?.name === 'SyntaxError' ? 'syntax' : 'runtime',
        `${raw?.name ?? 'Error'}: ${raw?.message ?? raw}`,
        raw?.stack,
      )
  } else {
    evaluated.value.dispose()
  }

  // The event loop: jobs, then sends and timers, until the script waits on nothing or runs out of time.
  while (!error) {
    const jobs = runtime.executePendingJobs(-1)
    if (jobs.error) {
      const raw = context.dump(jobs.error)
      jobs.error.dispose()
      if (!limitHit(raw)) fail('runtime', String((raw as { message?: string })?.message ?? raw))
      break
    }
    for (const done of completedSends.splice(0)) call('settleSend', token, done.id, done.ok ? 1 : 0, done.text)
    const now = performance.now()
    let fired = false
    for (const [id, due] of [...timers].sort((a, b) => a[1] - b[1])) {
      if (due > now) continue
      timers.delete(id)
      call('fireTimer', token, id)
      fired = true
    }
    if (fired || completedSends.length || runtime.hasPendingJob()) continue
    const busy = call('busy')
    if (!busy.ok) {
      if (!limitHit(busy.error)) fail('runtime', JSON.stringify(busy.error))
      break
    }
    if (busy.value !== 1 && outstandingSends === 0 && timers.size === 0) break
    if (outstandingSends === 0 && timers.size === 0) {
      // Waiting on a promise nothing will settle (a callback test that never calls done).
      fail('runtime', 'The script is waiting on something that will never finish (a promise or a done callback).')
      break
    }
    const nextTimer = Math.min(...timers.values())
    if (nextTimer > realm.deadline && outstandingSends === 0) {
      realm.interrupted = true
      limitHit(undefined)
      break
    }
    await new Promise<void>((resolve) => {
      wake = resolve
      const wait = Math.max(0, Math.min(nextTimer, realm.deadline) - performance.now())
      const timer = setTimeout(resolve, wait)
      const clear = () => clearTimeout(timer)
      wake = () => {
        clear()
        resolve()
      }
    })
    wake = undefined
    if (performance.now() > realm.deadline) {
      realm.interrupted = true
      limitHit(undefined)
      break
    }
  }

  const interrupted = realm.interrupted
  // Read what the run recorded, even after a limit: the tests and variables set before it stay.
  realm.deadline = performance.now() + RESULT_GRACE_MS
  if (!healthy) runtime.setMemoryLimit(-1)
  const ended = call('end')
  realm.deadline = Infinity
  let result: Omit<RunScriptResult, 'variableChanges' | 'error'> & {
    error?: { name: string; message: string; stack: string }
    consoleDropped?: number
  }
  if (ended.ok && typeof ended.value === 'string') {
    result = JSON.parse(ended.value)
  } else {
    healthy = false
    result = { tests: [], variables: emptyVariables(input.variables), console: [], skipRequest: false }
  }

  if (!error && interrupted) {
    healthy = false
    fail('limit-time', limitMessage['limit-time'](limits.timeMs))
  }
  if (!error && result.error && isOutOfMemory(result.error.message)) {
    healthy = false
    fail('limit-memory', limitMessage['limit-memory'](limits.memoryBytes))
  }
  if (!error && result.error) {
    fail('runtime', `${result.error.name}: ${result.error.message}`, result.error.stack)
  }
  // What a run left behind stays bounded: checked every few runs (measuring costs a fifth of a run).
  const clean = healthy
  if (healthy && realm.runs % 25 === 0 && memoryUsed(realm) > realm.baseline + limits.memoryBytes / 2) healthy = false
  release(realm, healthy, clean)
  const before = input.variables ?? {}
  const after = result.variables
  const variableChanges: VariableChanges = {
    environment: changes(before.environment, after.environment),
    collectionVariables: changes(before.collectionVariables, after.collectionVariables),
    globals: changes(before.globals, after.globals),
    local: changes(before.local, after.local),
  }
  const { error: _scriptError, consoleDropped: _dropped, ...rest } = result
  return { ...rest, variableChanges, ...(error ? { error } : {}) }
}

function emptyVariables(variables: ScriptVariables = {}): Required<ScriptVariables> {
  return {
    environment: { ...variables.environment },
    collectionVariables: { ...variables.collectionVariables },
    globals: { ...variables.globals },
    iterationData: { ...variables.iterationData },
    local: { ...variables.local },
  }
}
