import v8 from 'node:v8'
import vm from 'node:vm'

/** How long without a request before the server gives back what a burst of sends grew. */
export const IDLE_MS = 10_000

type Timers = {
  set: (run: () => void, ms: number) => object & { unref?: () => void }
  clear: (timer: unknown) => void
  now: () => number
}

/**
 * V8 keeps the heap a burst of sends grew to (tens of MB) until memory pressure, which an idle
 * server never feels: RSS stayed ~110 MB above rest after 100,000 sends. Once no request has come
 * for IDLE_MS, one full collection runs (a few tens of ms, while nothing is waiting) and the heap
 * shrinks back. `touch()` on every request only notes the time; one timer at a time checks, when it
 * fires, whether the spell really lasted IDLE_MS and waits out the rest if not. At most one
 * collection per quiet spell.
 */
export class IdleRelease {
  private timer: unknown
  private dirty = false
  private last = 0

  constructor(
    private readonly collect: () => void,
    private readonly idleMs = IDLE_MS,
    private readonly timers: Timers = {
      set: (run, ms) => setTimeout(run, ms),
      clear: (timer) => clearTimeout(timer as NodeJS.Timeout),
      now: () => performance.now(),
    },
  ) {}

  touch(): void {
    this.dirty = true
    this.last = this.timers.now()
    if (this.timer === undefined) this.arm(this.idleMs)
  }

  stop(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer)
    this.timer = undefined
  }

  private arm(ms: number): void {
    const timer = this.timers.set(() => this.quiet(), ms)
    timer.unref?.()
    this.timer = timer
  }

  private quiet(): void {
    this.timer = undefined
    if (!this.dirty) return
    const left = this.idleMs - (this.timers.now() - this.last)
    if (left > 0) return this.arm(left)
    this.dirty = false
    this.collect()
  }
}

/**
 * A full garbage collection: `global.gc` when Node runs with --expose-gc, else the same function
 * V8 hands a new context once the flag is set (the process's own heap, nothing else changes).
 */
export function fullCollection(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc
  if (exposed) return exposed
  v8.setFlagsFromString('--expose-gc')
  return vm.runInNewContext('gc') as () => void
}
