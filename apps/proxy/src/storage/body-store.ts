import type { Readable } from 'node:stream'
import type { BlobStore, BlobWriter, ByteRange, OpenedRead } from '../ports/blob-store.js'
import type { BodySink } from '../ports/body-sink.js'
import { CourierError } from '../errors.js'
import { ID_PATTERN } from '../ids.js'
import type { SecretBox } from '../secrets/secret-box.js'
import { SealedFiles } from '../secrets/sealed-file.js'
import { FileBlobs } from './file-blobs.js'
import { readBlob } from './read-blob.js'

/** Bodies removed at once when history is cleared (fewer than the database pool's connections). */
const REMOVE_AT_ONCE = 8

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

  /** A BlobStore, or the folder of sealed files (single-user mode). */
  constructor(readonly blobs: BlobStore) {}

  static inFolder(dir: string, box: FileSealer): BodyStore {
    return new BodyStore(fileBlobs(dir, box, 'response body'))
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

  async size(id: string): Promise<number | undefined> {
    return this.blobs.size(this.check(id))
  }

  /** The plain body (or a range of it, inclusive) with its size; undefined when there is none. */
  open(id: string, range?: ByteRange): Promise<OpenedRead | undefined> {
    return this.blobs.openRead(this.check(id), range)
  }

  read(id: string, range?: ByteRange): Readable {
    return readBlob(
      this.blobs,
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

  async remove(id: string): Promise<void> {
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
