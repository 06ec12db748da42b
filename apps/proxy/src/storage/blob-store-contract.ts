import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BlobStore } from '../ports/blob-store.js'
import { newId } from '../ids.js'
import { historyEntry } from './store-contract.js'
import { BodyStore } from './body-store.js'
import { PARTIAL_GRACE_MS, UPLOAD_GRACE_MS, sweepDataFolder } from './data-sweep.js'
import { FileStore } from './file-store.js'
import type { Store } from './store.js'

/** 1 KiB chunks, so a few KB span many chunks and (in the database) many 4-chunk rows. */
export const CONTRACT_CHUNK_SHIFT = 10
const CHUNK = 2 ** CONTRACT_CHUNK_SHIFT

/** One BlobStore implementation as the contract drives it. */
export type BlobHarness = {
  /** A fresh store of bodies and one of files on the same backend, with CONTRACT_CHUNK_SHIFT chunks. */
  open(): Promise<{ bodies: BlobStore; files: BlobStore; store: Store; close(): Promise<void> }>
  /** Flips one byte of the sealed bytes of `id`'s blob at `offset` past the header. */
  tamper(blobs: BlobStore, id: string, offset: number): Promise<void>
  /** Makes every blob of `blobs` look last written `ms` ago. */
  age(blobs: BlobStore, ms: number): Promise<void>
}

async function readAll(blobs: BlobStore, id: string, range?: { start: number; end: number }): Promise<Buffer> {
  const opened = await blobs.openRead(id, range)
  if (!opened) throw new Error(`no blob ${id}`)
  const parts: Buffer[] = []
  for await (const part of opened.stream) parts.push(part as Buffer)
  return Buffer.concat(parts)
}

async function writeBlob(blobs: BlobStore, id: string, bytes: Buffer, piece = 777): Promise<void> {
  const writer = blobs.createWriter(id)
  for (let at = 0; at < bytes.length; at += piece) await writer.write(bytes.subarray(at, at + piece))
  await writer.end()
}

/** The behaviour every BlobStore has: files in the data folder and rows in PostgreSQL alike. */
export function blobStoreContract(title: string, harness: BlobHarness) {
  describe(`${title}: the blob store contract`, { timeout: 60_000 }, () => {
    let opened: Awaited<ReturnType<BlobHarness['open']>>
    beforeAll(async () => {
      opened = await harness.open()
    })
    afterAll(() => opened?.close())

    it('writes a blob in pieces and reads it back whole, byte-exact, with its size', async () => {
      const { bodies } = opened
      for (const length of [0, 1, CHUNK - 1, CHUNK, 4 * CHUNK, 4 * CHUNK + 1, 9 * CHUNK + 123]) {
        const id = newId()
        const bytes = randomBytes(length)
        await writeBlob(bodies, id, bytes)
        expect(await bodies.size(id)).toBe(length)
        expect((await readAll(bodies, id)).equals(bytes)).toBe(true)
      }
      expect(await bodies.size(newId())).toBeUndefined()
      expect(await bodies.openRead(newId())).toBeUndefined()
    })

    it('reads every range across chunk and row boundaries exactly, clamped to the size', async () => {
      const { bodies } = opened
      const id = newId()
      const bytes = randomBytes(13 * CHUNK + 517)
      await writeBlob(bodies, id, bytes, 4096)
      const edges = [
        0,
        1,
        CHUNK - 1,
        CHUNK,
        4 * CHUNK - 1,
        4 * CHUNK,
        4 * CHUNK + 1,
        8 * CHUNK,
        12 * CHUNK + 3,
        bytes.length - 1,
      ]
      for (const start of edges)
        for (const end of edges.filter((e) => e >= start)) {
          const read = await readAll(bodies, id, { start, end })
          expect(read.equals(bytes.subarray(start, end + 1)), `bytes ${start}-${end}`).toBe(true)
        }
      const tail = await bodies.openRead(id, { start: bytes.length - 10, end: bytes.length + 1000 })
      expect(tail!.size).toBe(bytes.length)
      expect(
        (await readAll(bodies, id, { start: bytes.length - 10, end: bytes.length + 1000 })).equals(bytes.subarray(-10)),
      ).toBe(true)
    })

    it('replaces a blob only when the new write ends; until then the old one reads', async () => {
      const { bodies } = opened
      const id = newId()
      await writeBlob(bodies, id, Buffer.from('first hop'))
      const writer = bodies.createWriter(id)
      await writer.write(randomBytes(6 * CHUNK))
      expect((await readAll(bodies, id)).toString()).toBe('first hop')
      await writer.write(Buffer.from('!'))
      await writer.end()
      expect(await bodies.size(id)).toBe(6 * CHUNK + 1)
      expect((await bodies.list()).filter((blob) => blob.id === id)).toHaveLength(1)
    })

    it('removes one blob, or all of one kind, and never the other kind', async () => {
      const { bodies, files } = opened
      const [a, b, f] = [newId(), newId(), newId()]
      await writeBlob(bodies, a, randomBytes(5 * CHUNK))
      await writeBlob(bodies, b, Buffer.from('b'))
      await writeBlob(files, f, Buffer.from('an upload'))
      await bodies.remove(a)
      expect(await bodies.size(a)).toBeUndefined()
      expect(await bodies.openRead(a)).toBeUndefined()
      expect(await bodies.size(b)).toBe(1)
      await bodies.removeAll()
      expect(await bodies.list()).toEqual([])
      expect((await readAll(files, f)).toString()).toBe('an upload')
    })

    it('leaves nothing when a write is aborted, and nothing readable while one is cut off midway', async () => {
      const { files } = opened
      const aborted = newId()
      const writer = files.createWriter(aborted)
      await writer.write(randomBytes(10 * CHUNK))
      await writer.abort()
      expect(await files.size(aborted)).toBeUndefined()
      expect((await files.list()).filter((blob) => blob.id === aborted || blob.partial)).toEqual([])

      // A crash midway: the writer is never ended nor aborted.
      const cut = files.createWriter(newId())
      await cut.write(randomBytes(9 * CHUNK))
      await expect.poll(async () => (await files.list()).filter((blob) => blob.partial).length).toBe(1)
      await cut.abort()
    })

    it('refuses a blob whose sealed bytes were altered (STORAGE_CORRUPT)', async () => {
      const { bodies } = opened
      const id = newId()
      await writeBlob(bodies, id, randomBytes(6 * CHUNK))
      await harness.tamper(bodies, id, 5 * (CHUNK + 16) + 3)
      // The first chunks still verify; the damaged one fails the read where it is reached.
      expect((await readAll(bodies, id, { start: 0, end: CHUNK - 1 })).length).toBe(CHUNK)
      await expect(readAll(bodies, id, { start: 5 * CHUNK, end: 5 * CHUNK + 1 })).rejects.toMatchObject({
        code: 'STORAGE_CORRUPT',
      })
      await bodies.remove(id)
    })

    it('is swept at start: cut-off writes, bodies no entry names and unreferenced uploads go once old enough', async () => {
      const { bodies, files, store } = opened
      await bodies.removeAll()
      await files.removeAll()
      const recorded = historyEntry()
      await store.history.append(recorded)
      await writeBlob(bodies, recorded.id, Buffer.from('recorded'))
      const orphan = newId()
      await writeBlob(bodies, orphan, Buffer.from('no entry'))
      const cut = bodies.createWriter(newId())
      await cut.write(randomBytes(5 * CHUNK))
      const unreferenced = newId()
      await writeBlob(files, unreferenced, Buffer.from('nobody uses me'))

      const bodyStore = new BodyStore(bodies)
      const fileStore = new FileStore(files)
      // Young: nothing goes.
      const young = await sweepDataFolder(store, bodyStore, fileStore)
      expect(young).toMatchObject({ removedBodies: 0, removedFiles: 0, removedPartial: 0, problems: [] })

      await harness.age(bodies, PARTIAL_GRACE_MS + 1000)
      await harness.age(files, UPLOAD_GRACE_MS + 1000)
      const report = await sweepDataFolder(store, bodyStore, fileStore)
      expect(report).toMatchObject({ removedBodies: 1, removedFiles: 1, removedPartial: 1, resealed: 0, problems: [] })
      expect((await bodies.list()).map((blob) => blob.id)).toEqual([recorded.id])
      expect((await readAll(bodies, recorded.id)).toString()).toBe('recorded')
      expect(await files.list()).toEqual([])
      // The cut-off writer finds its blob gone; ending it fails rather than publishing half a body.
      await expect(cut.end()).rejects.toThrow()
    })
  })
}
