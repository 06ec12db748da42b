import { createReadStream, createWriteStream, type ReadStream } from 'node:fs'
import { rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { Readable } from 'node:stream'
import { CourierError } from '../errors.js'
import { ID_PATTERN, newId } from '../ids.js'
import { ensurePrivateDir } from './data-dir.js'

/**
 * Files people attach to requests (multipart parts, binary bodies), uploaded from the browser
 * as a stream and kept under generated ids. Bodies refer to them by id only: no server path
 * ever comes from a request (SECURITY.md B-10).
 */
export class FileStore {
  constructor(private readonly dir: string) {
    ensurePrivateDir(dir)
  }

  private path(id: string): string {
    if (!ID_PATTERN.test(id)) throw new CourierError('FILE_PATH_NOT_ALLOWED', 'A file is referred to by the id its upload returned, never by a path.')
    return join(this.dir, id)
  }

  /** Streams an upload to disk; answers its id and size. A failed or cut upload leaves nothing behind. */
  async save(source: Readable): Promise<{ fileId: string; size: number }> {
    const fileId = newId()
    const path = this.path(fileId)
    try {
      await pipeline(source, createWriteStream(path, { mode: 0o600 }))
    } catch (error) {
      await rm(path, { force: true })
      throw error
    }
    const { size } = await stat(path)
    return { fileId, size }
  }

  /** The file's size, or undefined when it is gone. */
  async size(id: string): Promise<number | undefined> {
    try {
      return (await stat(this.path(id))).size
    } catch {
      return undefined
    }
  }

  open(id: string): ReadStream {
    return createReadStream(this.path(id))
  }

  async remove(id: string): Promise<void> {
    await rm(this.path(id), { force: true })
  }
}
