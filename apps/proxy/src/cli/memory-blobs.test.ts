import { text } from 'node:stream/consumers'
import { describe, expect, it } from 'vitest'
import { newId } from '../ids.js'
import { BodyStore } from '../storage/body-store.js'
import { MemoryBlobs } from './memory-blobs.js'

describe('a file run’s bodies in memory', () => {
  it('reads a body back whole and by range, and drops the oldest once over its budget', async () => {
    const bodies = new BodyStore(new MemoryBlobs(10))
    const [first, second] = [newId(), newId()]
    const sink = bodies.openSink(first)
    await sink.write(Buffer.from('hello '))
    await sink.write(Buffer.from('world'))
    await sink.end()
    expect(await bodies.size(first)).toBe(11)
    expect(await text(bodies.read(first))).toBe('hello world')
    expect(await text(bodies.read(first, { start: 6, end: 99 }))).toBe('world')

    const next = bodies.openSink(second)
    await next.write(Buffer.from('newer'))
    await next.end()
    // 11 + 5 bytes is over the 10-byte budget: the older body goes, the newest always stays.
    expect(await bodies.size(first)).toBeUndefined()
    expect(await text(bodies.read(second))).toBe('newer')
  })
})
