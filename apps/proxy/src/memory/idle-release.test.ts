import { describe, expect, it } from 'vitest'
import { fullCollection, IdleRelease } from './idle-release.js'

/** Timers the test fires by hand: nothing waits on a clock. */
function manualTimers() {
  const pending = new Set<{ run: () => void }>()
  return {
    timers: {
      set: (run: () => void) => {
        const timer = { run }
        pending.add(timer)
        return timer
      },
      clear: (timer: unknown) => void pending.delete(timer as { run: () => void }),
    },
    fire() {
      for (const timer of [...pending]) {
        pending.delete(timer)
        timer.run()
      }
    },
    get count() {
      return pending.size
    },
  }
}

describe('giving memory back when the server falls quiet', () => {
  it('collects once after a burst, when the quiet spell ends it, and not again until new requests', () => {
    const clock = manualTimers()
    let collections = 0
    const release = new IdleRelease(() => collections++, 10_000, clock.timers)
    for (let i = 0; i < 100; i++) release.touch()
    // Each request pushes the quiet spell on: one timer waits, not a hundred.
    expect(clock.count).toBe(1)
    clock.fire()
    expect(collections).toBe(1)
    clock.fire()
    expect(collections).toBe(1)
    release.touch()
    clock.fire()
    expect(collections).toBe(2)
  })

  it('stops waiting when the server closes', () => {
    const clock = manualTimers()
    let collections = 0
    const release = new IdleRelease(() => collections++, 10_000, clock.timers)
    release.touch()
    release.stop()
    expect(clock.count).toBe(0)
    clock.fire()
    expect(collections).toBe(0)
  })

  it('a full collection really frees what is no longer referenced', async () => {
    const collect = fullCollection()
    // Made and referenced only inside this function: nothing holds it once it returns.
    const ref = ((garbage: number[][]) => new WeakRef(garbage))(
      Array.from({ length: 200 }, () => Array.from({ length: 5000 }, (_, i) => i)),
    )
    // A WeakRef keeps its target for the rest of the job that made it: collect in a later one.
    await new Promise((resolve) => setImmediate(resolve))
    collect()
    expect(ref.deref()).toBeUndefined()
  })
})
