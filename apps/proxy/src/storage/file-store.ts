import type { Readable } from 'node:stream'
import type { BlobStore } from '../ports/blob-store.js'
import { CourierError } from '../errors.js'
import { ID_PATTERN, newId } from '../ids.js'
import { fileBlobs, type FileSealer } from './body-store.js'
import { readBlob } from './read-blob.js'

/**
 * Files people attach to requests (multipart parts, binary bodies), uploaded from the browser
 * as a stream and kept under generated ids, sealed with the data key like response bodies, in a
 * BlobStore (the data folder, or PostgreSQL in team mode).
 * Bodies refer to them by id only: no server path ever comes from a request (docs/security.md#what-a-send-carries).
 */
export class FileStore {
  constructor(readonly blobs: BlobStore) {}

  static inFolder(dir: string, box: FileSealer): FileStore {
    return new FileStore(fileBlobs(dir, box, 'uploaded file'))
  }

  private check(id: string): string {
    if (!ID_PATTERN.test(id))
      throw new CourierError(
        'FILE_PATH_NOT_ALLOWED',
        'A file is referred to by the id its upload returned, never by a path.',
      )
    return id
  }

  /** Streams an upload in; answers its id and size. A failed or cut upload leaves nothing behind. */
  async save(source: AsyncIterable<Buffer | string>): Promise<{ fileId: string; size: number }> {
    const fileId = newId()
    const writer = this.blobs.createWriter(fileId)
    let size = 0
    try {
      for await (const chunk of source) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
        size += bytes.length
        await writer.write(bytes)
      }
      await writer.end()
    } catch (error) {
      await writer.abort()
      throw error
    }
    return { fileId, size }
  }

  /** The file's plain size (nothing decrypted), or undefined when it is gone. */
  async size(id: string): Promise<number | undefined> {
    return this.blobs.size(this.check(id))
  }

  open(id: string): Readable {
    return readBlob(this.blobs, this.check(id), undefined, () => new CourierError('FILE_NOT_FOUND'))
  }

  async remove(id: string): Promise<void> {
    await this.blobs.remove(this.check(id))
  }
}
