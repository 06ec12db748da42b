import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { CourierError } from '../errors.js'
import { ID_PATTERN, newId } from '../ids.js'
import { SealedFiles } from '../secrets/sealed-file.js'
import type { FileSealer } from './body-store.js'
import { ensurePrivateDir } from './data-dir.js'

/**
 * Files people attach to requests (multipart parts, binary bodies), uploaded from the browser
 * as a stream and kept under generated ids, sealed with the data key like response bodies.
 * Bodies refer to them by id only: no server path ever comes from a request (docs/security.md#what-a-send-carries).
 */
export class FileStore {
  readonly sealed: SealedFiles

  constructor(
    readonly dir: string,
    box: FileSealer,
  ) {
    ensurePrivateDir(dir)
    this.sealed = new SealedFiles((salt, info, length) => box.deriveKey(salt, info, length), 'uploaded file')
  }

  private path(id: string): string {
    if (!ID_PATTERN.test(id))
      throw new CourierError(
        'FILE_PATH_NOT_ALLOWED',
        'A file is referred to by the id its upload returned, never by a path.',
      )
    return join(this.dir, id)
  }

  /** Streams an upload to disk; answers its id and size. A failed or cut upload leaves nothing behind. */
  async save(source: Readable): Promise<{ fileId: string; size: number }> {
    const fileId = newId()
    const size = await this.sealed.writeFrom(source, this.path(fileId))
    return { fileId, size }
  }

  /** The file's plain size (from its length, nothing decrypted), or undefined when it is gone. */
  async size(id: string): Promise<number | undefined> {
    return this.sealed.size(this.path(id))
  }

  open(id: string): Readable {
    return this.sealed.stream(this.path(id), undefined, () => new CourierError('FILE_NOT_FOUND'))
  }

  async remove(id: string): Promise<void> {
    await rm(this.path(id), { force: true })
  }
}
