import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { BlobStore, BlobWriter, ByteRange, OpenedRead, StoredBlob } from '../ports/blob-store.js'
import { ID_PATTERN } from '../ids.js'
import type { SealedFiles } from '../secrets/sealed-file.js'
import { ensurePrivateDir } from './data-dir.js'
import { storedEntries } from './stored-entries.js'

/**
 * Blobs as sealed files in one folder of the data folder, named by id (single-user mode):
 * written to `<id>.<random>.partial` and renamed into place when complete.
 */
export class FileBlobs implements BlobStore {
  constructor(
    readonly dir: string,
    readonly sealed: SealedFiles,
  ) {
    ensurePrivateDir(dir)
  }

  private path(id: string): string {
    if (!ID_PATTERN.test(id)) throw new Error(`Not a blob id: ${id}`)
    return join(this.dir, id)
  }

  createWriter(id: string): BlobWriter {
    return this.sealed.createWriter(this.path(id))
  }

  size(id: string): Promise<number | undefined> {
    return this.sealed.size(this.path(id))
  }

  openRead(id: string, range?: ByteRange): Promise<OpenedRead | undefined> {
    return this.sealed.openRead(this.path(id), range)
  }

  async remove(id: string): Promise<void> {
    await rm(this.path(id), { force: true })
  }

  async removeAll(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true })
    ensurePrivateDir(this.dir)
  }

  async list(): Promise<StoredBlob[]> {
    return (await storedEntries(this.dir)).map((entry) => ({
      name: entry.path,
      key: entry.path,
      id: entry.id,
      partial: entry.partial,
      writtenMs: entry.mtimeMs,
    }))
  }

  async discard(blob: StoredBlob): Promise<void> {
    await rm(blob.key, { force: true })
  }

  async resealIfPlain(blob: StoredBlob): Promise<boolean> {
    if (await this.sealed.isSealed(blob.key)) return false
    await this.sealed.reseal(blob.key)
    return true
  }
}
