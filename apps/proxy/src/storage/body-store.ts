import { Readable } from 'node:stream'
import type { BlobStore, BlobWriter, ByteRange, OpenedRead } from '../ports/blob-store.js'
import type { BodySink } from '../ports/body-sink.js'
import { CourierError } from '../errors.js'
import { ID_PATTERN } from '../ids.js'
import type { SecretBox } from '../secrets/secret-box.js'
import { SealedFiles } from '../secrets/sealed-file.js'
import { FileBlobs } from './file-blobs.js'
import type { SmallBodies } from './history-bodies.js'
import { readBlob } from './read-blob.js'

/** Bodies removed at once when history is cleared (fewer than the database pool's connections). */
const REMOVE_AT_ONCE = 8
/** Bodies up to this many bytes are held in memory while their send runs and go into its history row. */
export const SMALL_BODY = 64 * 1024

/** A send's body while it runs: held in memory when small; `filed` once a blob was written for the id. */
type Pending = { held: Buffer | null; filed: boolean }

/** What a store needs of the SecretBox: per-file keys derived from the data key. */
export type FileSealer = Pick<SecretBox, 'deriveKey'>

/** Sealed files in `dir`: where single-user mode keeps bodies and uploads. */
export function fileBlobs(dir: string, box: FileSealer, what: string): FileBlobs {
  return new FileBlobs(dir, new SealedFiles((salt, info, length) => box.deriveKey(salt, info, length), what))
}

/**
 * Response bodies, one per send, under the record id, sealed with the data key in chunks
 * (secrets/sealed-format.ts): a login answer's token or an echoed secret is never stored in
 * clear. Bodies stream in and out, so their size never matters to memory. They live in a
 * BlobStore: files in the data folder (single-user), rows in PostgreSQL (team mode). Ids are
 * generated, never taken from a person.
 */
export class BodyStore {
  private readonly writers = new Map<string, BlobWriter>()
  private readonly pending = new Map<string, Pending>()

  /**
   * A BlobStore, or the folder of sealed files (single-user mode). With `small`, a body of at most
   * SMALL_BODY bytes never reaches the BlobStore: the send takes it (takeSmall) into its history
   * row, and reads find it there — one write per send instead of a file (or blob rows) each.
   */
  constructor(
    readonly blobs: BlobStore,
    private readonly small?: SmallBodies,
  ) {}

  static inFolder(dir: string, box: FileSealer, small?: SmallBodies): BodyStore {
    return new BodyStore(fileBlobs(dir, box, 'response body'), small)
  }

  private check(id: string): string {
    if (!ID_PATTERN.test(id)) throw new Error(`Not a body id: ${id}`)
    return id
  }

  /**
   * A sink that publishes the body when it ends, replacing what was there (a redirect hop's body
   * is replaced by the next hop's); a crash before the end leaves only a partial blob, which the
   * start-up sweep removes.
   */
  openSink(id: string): BodySink {
    this.check(id)
    void this.writers.get(id)?.abort()
    this.writers.delete(id)
    if (!this.small) return this.blobSink(id)
    const state = this.pending.get(id) ?? { held: null, filed: false }
    state.held = null
    this.pending.set(id, state)
    let chunks: Buffer[] = []
    let size = 0
    let blob: BodySink | undefined
    return {
      write: async (chunk) => {
        if (blob) return blob.write(chunk)
        size += chunk.length
        if (size <= SMALL_BODY) {
          chunks.push(chunk)
          return
        }
        // Too big to hold: from here on it streams to the BlobStore, what was held first.
        state.filed = true
        blob = this.blobSink(id)
        for (const held of chunks) await blob.write(held)
        chunks = []
        await blob.write(chunk)
      },
      end: async () => {
        if (blob) return blob.end()
        if (this.pending.get(id) === state) state.held = Buffer.concat(chunks, size)
      },
    }
  }

  /** A sink straight to the BlobStore, published when it ends. */
  private blobSink(id: string): BodySink {
    const writer = this.blobs.createWriter(id)
    this.writers.set(id, writer)
    const settle = () => {
      if (this.writers.get(id) === writer) this.writers.delete(id)
    }
    return {
      write: (chunk) => writer.write(chunk),
      end: () => writer.end().finally(settle),
    }
  }

  /**
   * The send's body when it was small enough to hold, for its history row (and forgotten here);
   * a larger body written for an earlier redirect hop of the same id is removed then.
   */
  async takeSmall(id: string): Promise<Buffer | undefined> {
    const state = this.pending.get(id)
    this.pending.delete(id)
    if (!state?.held) return undefined
    if (state.filed) await this.blobs.remove(id)
    return state.held
  }

  /** Drops what a send held that never reached history (called when the send is done, whatever happened). */
  forget(id: string): void {
    this.pending.delete(id)
  }

  /** A held body, else a small one in its history row. */
  private async smallBody(id: string): Promise<Buffer | undefined> {
    const held = this.pending.get(id)?.held
    if (held) return held
    return this.small?.get(id)
  }

  async size(id: string): Promise<number | undefined> {
    const held = this.pending.get(this.check(id))?.held
    if (held) return held.length
    return (await this.blobs.size(id)) ?? (await this.small?.get(id))?.length
  }

  /** The plain body (or a range of it, inclusive) with its size; undefined when there is none. */
  async open(id: string, range?: ByteRange): Promise<OpenedRead | undefined> {
    this.check(id)
    if (!this.pending.get(id)?.held) {
      const opened = await this.blobs.openRead(id, range)
      if (opened) return opened
    }
    const body = await this.smallBody(id)
    if (!body) return undefined
    const start = Math.min(range?.start ?? 0, body.length)
    const end = Math.min(range?.end ?? body.length - 1, body.length - 1)
    return { size: body.length, stream: Readable.from([body.subarray(start, end + 1)], { objectMode: false }) }
  }

  read(id: string, range?: ByteRange): Readable {
    return readBlob(
      { openRead: (blobId: string, part?: ByteRange) => this.open(blobId, part) },
      this.check(id),
      range,
      () => new CourierError('NOT_FOUND', 'That response body no longer exists.'),
    )
  }

  /** The body as UTF-8 text, or only its first `maxBytes`: for search, captures and exports. */
  async readText(id: string, maxBytes?: number): Promise<string> {
    const chunks: Buffer[] = []
    for await (const chunk of this.read(id, maxBytes === undefined ? undefined : { start: 0, end: maxBytes - 1 }))
      chunks.push(chunk as Buffer)
    return Buffer.concat(chunks).toString('utf8')
  }

  /** The body's blob; a small one in a history row goes with its row. */
  async remove(id: string): Promise<void> {
    this.pending.delete(id)
    await this.writers.get(id)?.abort()
    await this.blobs.remove(this.check(id))
  }

  /** Removes the bodies of these entries (their history was cleared). */
  async removeMany(ids: readonly string[]): Promise<void> {
    for (let at = 0; at < ids.length; at += REMOVE_AT_ONCE)
      await Promise.all(ids.slice(at, at + REMOVE_AT_ONCE).map((id) => this.remove(id)))
  }

  /** Empties the store. */
  async removeAll(): Promise<void> {
    await this.blobs.removeAll()
  }

  /** Whether a body is being written now by this process (the sweep never touches those). */
  writing(id: string): boolean {
    return this.writers.has(id)
  }
}
