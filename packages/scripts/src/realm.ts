import releaseSync from '@jitl/quickjs-wasmfile-release-sync'
import {
  newQuickJSWASMModuleFromVariant,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSRuntime,
  type QuickJSWASMModule,
} from 'quickjs-emscripten-core'
import { librarySources, preludeSource } from './generated/prelude-source.js'

/** What the host keeps of the run in progress in a realm. */
export interface HostRun {
  token: number
  onSend: (id: number, requestJson: string) => void
  onTimer: (id: number, ms: number) => void
  onClearTimer: (id: number) => void
}

/**
 * A warm QuickJS runtime and context with chai and the pm API loaded and the realm frozen.
 * Loading chai costs milliseconds, so a realm serves many runs, one at a time: each run gets its own
 * scope, pm and variables (see sandbox/prelude.js), and the frozen realm keeps nothing of it.
 * A realm that hit a limit is thrown away, never reused.
 */
export interface Realm {
  module: QuickJSWASMModule
  runtime: QuickJSRuntime
  context: QuickJSContext
  courier: QuickJSHandle
  /** Bytes the realm uses before any script: the memory limit is this plus the run's allowance. */
  baseline: number
  runs: number
  deadline: number
  interrupted: boolean
  run: HostRun | undefined
}

let modulePromise: Promise<QuickJSWASMModule> | undefined

export function quickjs(): Promise<QuickJSWASMModule> {
  modulePromise ??= newQuickJSWASMModuleFromVariant(releaseSync).then((module) => (currentModule = module))
  return modulePromise
}

/** The prelude's own allowance while it loads (chai and the freeze walk). */
const PRELUDE_MEMORY = 64 * 1024 * 1024
// Below what V8 allows the WebAssembly frames (512 KiB overflowed Node's native stack first).
const STACK_BYTES = 192 * 1024

export async function createRealm(): Promise<Realm> {
  const module = await quickjs()
  const runtime = module.newRuntime()
  runtime.setMemoryLimit(PRELUDE_MEMORY)
  runtime.setMaxStackSize(STACK_BYTES)
  const context = runtime.newContext()
  const realm = {
    module,
    runtime,
    context,
    baseline: 0,
    runs: 0,
    deadline: Infinity,
    interrupted: false,
    run: undefined,
  } as Omit<Realm, 'courier'> as Realm
  runtime.setInterruptHandler(() => {
    if (performance.now() <= realm.deadline) return false
    realm.interrupted = true
    return true
  })
  const host = context.newObject()
  const define = (name: string, fn: (token: number, id: number, arg: QuickJSHandle) => void) => {
    const handle = context.newFunction(name, (tokenHandle, idHandle, argHandle) => {
      const token = context.getNumber(tokenHandle)
      if (!realm.run || realm.run.token !== token) return
      fn(token, context.getNumber(idHandle), argHandle)
    })
    context.setProp(host, name, handle)
    handle.dispose()
  }
  define('send', (_token, id, arg) => realm.run?.onSend(id, context.getString(arg)))
  define('timer', (_token, id, arg) => realm.run?.onTimer(id, context.getNumber(arg)))
  define('clearTimer', (_token, id) => realm.run?.onClearTimer(id))
  const sources = context.newObject()
  for (const [name, source] of Object.entries(librarySources)) {
    const text = context.newString(source)
    context.setProp(sources, name, text)
    text.dispose()
  }
  context.setProp(host, 'librarySources', sources)
  sources.dispose()
  context.setProp(context.global, '__host', host)
  host.dispose()
  const loaded = context.evalCode(preludeSource, 'courier-prelude.js')
  if (loaded.error) {
    const detail = context.dump(loaded.error)
    loaded.error.dispose()
    context.dispose()
    runtime.dispose()
    throw new Error(`The script sandbox did not start: ${JSON.stringify(detail)}`)
  }
  loaded.value.dispose()
  realm.courier = context.getProp(context.global, '__courier')
  realm.baseline = memoryUsed(realm)
  return realm
}

export function memoryUsed(realm: Pick<Realm, 'runtime' | 'context'>): number {
  const handle = realm.runtime.computeMemoryUsage()
  const usage = realm.context.dump(handle) as { malloc_size?: number }
  handle.dispose()
  return usage.malloc_size ?? 0
}

/**
 * Frees a realm that ended cleanly. A realm that hit a limit is not freed: QuickJS cannot free a
 * runtime stopped in the middle of a job (objects stay on its lists and JS_FreeRuntime aborts the
 * WebAssembly module), so its whole module is retired instead: new realms start in a fresh module,
 * and the old one's memory goes with its last realm.
 */
export function disposeRealm(realm: Realm, clean: boolean): void {
  if (!clean) {
    retireModule(realm.module)
    return
  }
  try {
    realm.courier.dispose()
    realm.context.dispose()
    realm.runtime.dispose()
  } catch {
    // A runtime that ran out of memory may refuse a clean teardown; it is dropped either way.
  }
}

let currentModule: QuickJSWASMModule | undefined

function retireModule(module: QuickJSWASMModule): void {
  if (currentModule === module) {
    currentModule = undefined
    modulePromise = undefined
  }
}
