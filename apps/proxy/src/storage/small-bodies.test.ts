import { existsSync } from 'node:fs'
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { newId } from '../ids.js'
import { SecretBox } from '../secrets/secret-box.js'
import { tempDataDir } from '../test/temp-dir.js'
import { BodyStore, SMALL_BODY } from './body-store.js'
import { openStore } from './open-store.js'
import { historyEntry } from './store-contract.js'

/** A real SQLite store and the body store beside it, as openServices wires them. */
async function open() {
  const dir = tempDataDir()
  const box = SecretBox.open(dir)
  const store = await openStore({ kind: 'sqlite', path: join(dir, 'courier.sqlite') }, box)
  onTestFinished(() => store.close())
  const bodies = BodyStore.inFolder(join(dir, 'bodies'), box, store.smallBodies)
  return { dir, store, bodies, file: (id: string) => join(dir, 'bodies', id) }
}

async function write(bodies: BodyStore, id: string, ...chunks: Buffer[]) {
  const sink = bodies.openSink(id)
  for (const chunk of chunks) await sink.write(chunk)
  await sink.end()
}

const bytes = (length: number, seed = 1) => Buffer.from(Array.from({ length }, (_, i) => (i * 31 + seed) % 256))

describe('small bodies in their history rows', () => {
  it('holds a small body while the send runs, then reads it from the history row; no file is written', async () => {
    const { store, bodies, file } = await open()
    const id = newId()
    const body = bytes(5000)
    await write(bodies, id, body.subarray(0, 2000), body.subarray(2000))
    // Held: readable before the entry exists (search text, captures read it then).
    expect(await bodies.size(id)).toBe(5000)
    expect(Buffer.from(await bodies.readText(id)).length).toBeGreaterThan(0)
    await store.history.append(historyEntry({ id }), '', await bodies.takeSmall(id))
    expect(existsSync(file(id))).toBe(false)
    expect(await bodies.size(id)).toBe(5000)
    const opened = await bodies.open(id, { start: 10, end: 19 })
    const chunks: Buffer[] = []
    for await (const chunk of opened!.stream) chunks.push(chunk as Buffer)
    expect(Buffer.concat(chunks)).toEqual(body.subarray(10, 20))
    expect(opened!.size).toBe(5000)
    // The row goes, the body with it.
    await store.history.remove(id)
    expect(await bodies.size(id)).toBeUndefined()
  })

  it('streams a body past SMALL_BODY to a file, with what it held first', async () => {
    const { store, bodies, file } = await open()
    const id = newId()
    const body = bytes(SMALL_BODY + 10)
    await write(bodies, id, body.subarray(0, SMALL_BODY - 5), body.subarray(SMALL_BODY - 5))
    expect(await bodies.takeSmall(id)).toBeUndefined()
    await store.history.append(historyEntry({ id }))
    expect(existsSync(file(id))).toBe(true)
    const chunks: Buffer[] = []
    for await (const chunk of bodies.read(id)) chunks.push(chunk as Buffer)
    expect(Buffer.concat(chunks)).toEqual(body)
  })

  it('a redirect whose first hop was large and last hop small keeps only the last, in the row', async () => {
    const { store, bodies, file } = await open()
    const id = newId()
    await write(bodies, id, bytes(SMALL_BODY * 2, 7))
    expect(existsSync(file(id))).toBe(true)
    await write(bodies, id, Buffer.from('final hop'))
    await store.history.append(historyEntry({ id }), '', await bodies.takeSmall(id))
    expect(existsSync(file(id))).toBe(false)
    expect(await bodies.readText(id)).toBe('final hop')
  })

  it('forgets what a send held when it never reached history', async () => {
    const { bodies } = await open()
    const id = newId()
    await write(bodies, id, Buffer.from('never saved'))
    bodies.forget(id)
    expect(await bodies.size(id)).toBeUndefined()
    expect(await bodies.takeSmall(id)).toBeUndefined()
  })

  it('keeps a text body once: the row says it is the inline text when the bytes are exactly that', async () => {
    const { dir, store, bodies } = await open()
    const id = newId()
    const entry = historyEntry({ id })
    entry.response.body = {
      contentType: 'text/plain',
      size: 11,
      url: `/api/history/${id}/body`,
      inline: 'hello there',
      isText: true,
      truncated: false,
    }
    await write(bodies, id, Buffer.from('hello there'))
    await store.history.append(entry, '', await bodies.takeSmall(id))
    expect(await bodies.readText(id)).toBe('hello there')
    const db = new Database(join(dir, 'courier.sqlite'), { readonly: true })
    try {
      expect(db.prepare('SELECT body_sealed FROM history WHERE id = ?').pluck().get(id)).toBe('inline')
    } finally {
      db.close()
    }
  })
})
