import type { Readable } from 'node:stream'

/** Bytes `start` to `end` of a blob, both inclusive (an HTTP Range). */
export type ByteRange = { start: number; end: number }

/** A blob's plain bytes (or a range of them) as a stream, with the blob's whole plain size. */
export type OpenedRead = { size: number; stream: Readable }

/** A blob being written: bytes in, published by end() (replacing what the id had); abort() leaves nothing. */
export interface BlobWriter {
  write(chunk: Buffer): Promise<void>
  end(): Promise<void>
  abort(): Promise<void>
}

/** A blob as the start-up sweep sees it: `id` null for something that is not Courier's. */
export type StoredBlob = {
  /** Names it in the sweep's report: a path, or `postgres:<kind>/<id>`. */
  name: string
  /** What discard() finds it by: a path, a database row's id. */
  key: string
  id: string | null
  /** Still being written (or cut off while it was). */
  partial: boolean
  /** When it was last written to. */
  writtenMs: number
}

/**
 * Where response bodies and uploaded files live, each sealed with the data key in the chunked
 * format of secrets/sealed-format.ts, streamed both ways so memory stays flat whatever the size:
 * files in the data folder (single-user mode, storage/file-blobs.ts) or chunk rows in the database
 * (team mode on PostgreSQL, storage/database-blobs.ts), so every instance reads what any wrote.
 * An S3-compatible bucket would be a third implementation. Ids are generated, never a person's.
 */
export interface BlobStore {
  createWriter(id: string): BlobWriter
  /** The plain size (nothing decrypted), or undefined when there is no such blob. */
  size(id: string): Promise<number | undefined>
  /**
   * The plain bytes of `range` (clamped to the size), checked before the stream is handed out so
   * a damaged blob fails here (STORAGE_CORRUPT), not after a reply started; undefined when none.
   */
  openRead(id: string, range?: ByteRange): Promise<OpenedRead | undefined>
  remove(id: string): Promise<void>
  removeAll(): Promise<void>
  /** Everything stored, complete or being written, for the start-up sweep. */
  list(): Promise<StoredBlob[]>
  /** Removes one listed blob (a partial one included). */
  discard(blob: StoredBlob): Promise<void>
  /** Seals a blob an older Courier wrote in clear; answers whether there was one to seal. */
  resealIfPlain(blob: StoredBlob): Promise<boolean>
}
