import { Readable } from 'node:stream'
import type { Kysely } from 'kysely'
import type { BlobStore, BlobWriter, ByteRange, OpenedRead, StoredBlob } from '../ports/blob-store.js'
import { CourierError } from '../errors.js'
import { newId } from '../ids.js'
import {
  damaged,
  fileKeyFromHeader,
  geometry,
  HEADER_SIZE,
  openChunk,
  TAG_SIZE,
  type FileKey,
  type Geometry,
  type KeyDeriver,
} from '../secrets/sealed-format.js'
import { BATCH_CHUNKS, createSealedWriter, type SealedOutput } from '../secrets/sealed-writer.js'
import type { Database } from './schema.js'

/** Chunk rows of one blob being inserted at once: two pooled connections per write, whatever its size. */
const INSERTS_AT_ONCE = 2
/** How often a write in progress stamps its row, so another instance's sweep knows it is alive. */
const TOUCH_EVERY_MS = 30_000

type Found = { id: string; header: Buffer; plain_size: number | string | null; sealed_size: number | string | null }

/**
 * Blobs in the database (team mode on PostgreSQL: every instance reads what any wrote, nothing on
 * an instance's disk). Exactly the sealed format of the files (secrets/sealed-format.ts, same data
 * key, same chunks): the header in `blobs`, and each batch of BATCH_CHUNKS sealed chunks the
 * writer produces (1 MiB of plain bytes) in one `blob_chunks` row, so a row never holds a byte in
 * clear. A write is its own blob row, invisible until end() marks it complete and, in the same
 * transaction, drops the id's previous blob; abort() or a crash leaves an incomplete row the
 * start-up sweep removes. Reads fetch one row at a time, the next while the current one goes out,
 * so memory stays flat; a range fetches only the rows it needs.
 */
export class DatabaseBlobs implements BlobStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: 'body' | 'file',
    private readonly derive: KeyDeriver,
    /** Names the content in errors: "response body", "uploaded file". */
    private readonly what: string,
    private readonly chunkShift?: number,
  ) {}

  createWriter(owner: string): BlobWriter {
    const { db, kind } = this
    const blobId = newId()
    let chunkSize = 0
    let sealedSize = 0
    let touched = Date.now()
    let running = 0
    const waiting: (() => void)[] = []
    const slot = async <T>(work: () => Promise<T>): Promise<T> => {
      while (running >= INSERTS_AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve))
      running++
      try {
        return await work()
      } finally {
        running--
        waiting.shift()?.()
      }
    }
    const output: SealedOutput = {
      async writeAt(buffers, position) {
        const data = buffers.length === 1 ? buffers[0]! : Buffer.concat(buffers)
        sealedSize = Math.max(sealedSize, position + data.length)
        if (position === 0) {
          chunkSize = 2 ** data[7]!
          await db
            .insertInto('blobs')
            .values({ id: blobId, kind, owner_id: owner, header: data, complete: 0, written_at: stamp() })
            .execute()
          return
        }
        const seq = (position - HEADER_SIZE) / (BATCH_CHUNKS * (chunkSize + TAG_SIZE))
        if (!Number.isInteger(seq)) throw new Error(`A sealed batch at ${position} is not at a row's start.`)
        await slot(() => db.insertInto('blob_chunks').values({ blob_id: blobId, seq, data }).execute())
        if (Date.now() - touched > TOUCH_EVERY_MS) {
          touched = Date.now()
          await db.updateTable('blobs').set({ written_at: stamp() }).where('id', '=', blobId).execute()
        }
      },
      async commit() {
        const shape = geometry(sealedSize, chunkSize)
        if (!shape) throw new Error('A sealed blob ended with no last chunk.')
        await db.transaction().execute(async (tx) => {
          await tx
            .deleteFrom('blobs')
            .where('kind', '=', kind)
            .where('owner_id', '=', owner)
            .where('complete', '=', 1)
            .execute()
          const done = await tx
            .updateTable('blobs')
            .set({ complete: 1, plain_size: shape.plainSize, sealed_size: sealedSize, written_at: stamp() })
            .where('id', '=', blobId)
            .executeTakeFirst()
          // Removed while it was written (its history entry deleted): nothing to publish.
          if (Number(done.numUpdatedRows) !== 1) throw new Error('The blob was removed while it was written.')
        })
      },
      async discard() {
        await db.deleteFrom('blobs').where('id', '=', blobId).execute()
      },
    }
    return createSealedWriter(this.derive, this.chunkShift, output, this.what)
  }

  private find(owner: string): Promise<Found | undefined> {
    return this.db
      .selectFrom('blobs')
      .select(['id', 'header', 'plain_size', 'sealed_size'])
      .where('kind', '=', this.kind)
      .where('owner_id', '=', owner)
      .where('complete', '=', 1)
      .orderBy('written_at', 'desc')
      .limit(1)
      .executeTakeFirst()
  }

  async size(owner: string): Promise<number | undefined> {
    const row = await this.find(owner)
    return row ? Number(row.plain_size) : undefined
  }

  async openRead(owner: string, range?: ByteRange): Promise<OpenedRead | undefined> {
    const row = await this.find(owner)
    if (!row) return undefined
    const file = fileKeyFromHeader(Buffer.from(row.header), this.derive, this.what)
    const sealedSize = Number(row.sealed_size)
    const shape = geometry(sealedSize, file.chunkSize)
    if (!shape || shape.plainSize !== Number(row.plain_size)) throw damaged(this.what)
    const { plainSize, chunkSize } = shape
    const start = Math.max(0, range?.start ?? 0)
    const end = Math.min(range?.end ?? plainSize - 1, plainSize - 1)
    if (end < start && plainSize > 0) return { size: plainSize, stream: Readable.from([]) }
    const generator = this.plainChunks(
      row.id,
      file,
      shape,
      sealedSize,
      Math.floor(start / chunkSize),
      Math.max(0, Math.floor(end / chunkSize)),
      start,
      end,
    )
    // The first row is fetched and opened before the stream is handed out: a damaged blob fails here.
    let first: IteratorResult<Buffer>
    try {
      first = await generator.next()
    } catch (error) {
      await generator.return(undefined)
      throw error
    }
    async function* primed(): AsyncGenerator<Buffer> {
      if (first.done) return
      yield first.value
      yield* generator
    }
    return { size: plainSize, stream: Readable.from(primed(), { objectMode: false }) }
  }

  /** Decrypts chunks `firstIndex`..`lastIndex` row by row (fetching the next meanwhile) and cuts them to [start, end]. */
  private async *plainChunks(
    blobId: string,
    file: FileKey,
    shape: Geometry,
    sealedSize: number,
    firstIndex: number,
    lastIndex: number,
    start: number,
    end: number,
  ): AsyncGenerator<Buffer> {
    const { chunks, chunkSize } = shape
    const stride = chunkSize + TAG_SIZE
    const sealedLength = (index: number) => (index === chunks - 1 ? sealedSize - HEADER_SIZE - index * stride : stride)
    const fetch = (seq: number): Promise<Buffer> => {
      const read = this.row(blobId, seq).then(async (data) => {
        if (data) return data
        // Deleted meanwhile (its history entry removed, replaced by a redirect's next hop), or damaged.
        if (!(await this.db.selectFrom('blobs').select('id').where('id', '=', blobId).executeTakeFirst()))
          throw new CourierError('NOT_FOUND', `The ${this.what} was deleted while it was being read.`)
        throw damaged(this.what)
      })
      read.catch(() => {}) // awaited below; never unhandled if the reader stops first
      return read
    }
    const firstRow = Math.floor(firstIndex / BATCH_CHUNKS)
    const lastRow = Math.floor(lastIndex / BATCH_CHUNKS)
    let next: Promise<Buffer> | undefined = fetch(firstRow)
    try {
      for (let seq = firstRow; seq <= lastRow; seq++) {
        const data: Buffer = await next!
        next = seq < lastRow ? fetch(seq + 1) : undefined
        const from = seq * BATCH_CHUNKS
        const to = Math.min(from + BATCH_CHUNKS, chunks) - 1
        let expected = 0
        for (let index = from; index <= to; index++) expected += sealedLength(index)
        if (data.length !== expected) throw damaged(this.what)
        for (let index = Math.max(from, firstIndex); index <= Math.min(to, lastIndex); index++) {
          const at = (index - from) * stride
          let plain = openChunk(
            file,
            index,
            index === chunks - 1,
            data.subarray(at, at + sealedLength(index)),
            this.what,
          )
          const base = index * chunkSize
          if (end < base + plain.length - 1) plain = plain.subarray(0, end - base + 1)
          if (start > base) plain = plain.subarray(start - base)
          if (plain.length > 0) yield plain
        }
      }
    } finally {
      await next?.catch(() => {})
    }
  }

  /** One chunk row's sealed bytes. */
  private async row(blobId: string, seq: number): Promise<Buffer | undefined> {
    const row = await this.db
      .selectFrom('blob_chunks')
      .select('data')
      .where('blob_id', '=', blobId)
      .where('seq', '=', seq)
      .executeTakeFirst()
    return row && Buffer.from(row.data.buffer, row.data.byteOffset, row.data.byteLength)
  }

  async remove(owner: string): Promise<void> {
    await this.db.deleteFrom('blobs').where('kind', '=', this.kind).where('owner_id', '=', owner).execute()
  }

  async removeAll(): Promise<void> {
    await this.db.deleteFrom('blobs').where('kind', '=', this.kind).execute()
  }

  async list(): Promise<StoredBlob[]> {
    const rows = await this.db
      .selectFrom('blobs')
      .select(['id', 'owner_id', 'complete', 'written_at'])
      .where('kind', '=', this.kind)
      .execute()
    return rows.map((row) => ({
      name: `database ${this.kind} ${row.owner_id} (blob ${row.id})`,
      key: row.id,
      id: row.owner_id,
      partial: Number(row.complete) !== 1,
      writtenMs: Date.parse(row.written_at),
    }))
  }

  async discard(blob: StoredBlob): Promise<void> {
    await this.db.deleteFrom('blobs').where('id', '=', blob.key).where('kind', '=', this.kind).execute()
  }

  /** Nothing here was ever written in clear. */
  async resealIfPlain(): Promise<boolean> {
    return false
  }
}

const stamp = () => new Date().toISOString()
