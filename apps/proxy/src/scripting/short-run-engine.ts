import { setFlagsFromString } from 'node:v8'

/**
 * For a process that lives for one collection run (`courier run`): V8 compiles WebAssembly (the
 * QuickJS script sandbox, undici's HTTP parser) with its baseline compiler only and never tiers it
 * up. Tiering up QuickJS costs the main thread more than a run of a few hundred scripts wins back:
 * the first realm's prelude took ~165 ms instead of ~45 ms, and a 1-request run with a test spent
 * ~0.25 s more CPU (measured in the README's Performance section). A long-lived server keeps V8's
 * default. Takes effect only for WebAssembly compiled after the call, so call it first.
 */
export function tuneEngineForShortRun(): void {
  setFlagsFromString('--liftoff-only')
}
