import type { Frame } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { createSessionStore } from './session-store'

function frame(seq: number): Frame {
  return {
    seq,
    at: 1_700_000_000_000 + seq,
    dir: seq % 2 ? 'in' : 'out',
    type: 'text',
    size: 5,
    data: `m${seq}`,
    encoding: 'utf8',
  }
}

describe('session store', () => {
  it('appends batches in place and tells subscribers once per batch', () => {
    const store = createSessionStore()
    let calls = 0
    const unsubscribe = store.subscribe(() => calls++)
    const before = store.getSnapshot()
    store.appendFrames([frame(1), frame(2)])
    store.appendFrames([frame(3)])
    const after = store.getSnapshot()
    expect(calls).toBe(2)
    expect(after).not.toBe(before)
    expect(after.frames.map((f) => f.seq)).toEqual([1, 2, 3])
    expect(after.version).toBe(2)
    unsubscribe()
    store.appendFrames([frame(4)])
    expect(calls).toBe(2)
  })

  it('takes 100,000 frames in 1,000 batches quickly', () => {
    const store = createSessionStore()
    const started = performance.now()
    for (let batch = 0; batch < 1000; batch++)
      store.appendFrames(Array.from({ length: 100 }, (_, i) => frame(batch * 100 + i + 1)))
    expect(store.getSnapshot().frames).toHaveLength(100_000)
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it('keeps status changes apart from the frames', () => {
    const store = createSessionStore()
    store.appendFrames([frame(1)])
    store.update({ status: 'closed', droppedFrames: 3, historyId: 'h1' })
    expect(store.getSnapshot()).toMatchObject({ status: 'closed', droppedFrames: 3, historyId: 'h1' })
    expect(store.getSnapshot().frames).toHaveLength(1)
    store.resetFrames()
    expect(store.getSnapshot().frames).toHaveLength(0)
  })
})
