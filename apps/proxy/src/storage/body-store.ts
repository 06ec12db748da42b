import { readdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import type { BodySink } from '../ports/body-sink.js'
import { CourierError } from '../errors.js'
import { ID_PATTERN } from '../ids.js'
import type { SecretBox } from '../secrets/secret-box.js'
import { SealedFiles, type ByteRange, type OpenedRead } from '../secrets/sealed-file.js'
import { PARTIAL_SUFFIX, type SealedWriter } from '../secrets/sealed-writer.js'
import { ensurePrivateDir } from './data-dir.js'

/** What a store needs of the SecretBox: per-file keys derived from the data key. */
export type FileSealer = Pick<SecretBox, 'deriveKey'>

/** A file in a store's folder, as the start-up sweep sees it. */
export type StoredEntry = { name: string; path: string; id: string | null; partial: boolean; mtimeMs: number }

/** Lists a store folder: ids, files being written (`.partial`), and anything else (id null). */
export async function storedEntries(dir: string): Promise<StoredEntry[]> {
  const names = await readdir(dir)
  const entries: StoredEntry[] = []
  for (const name of names) {
    const path = join(dir, name)
    const info = await stat(path).catch(() => undefined)
    if (!info?.isFile()) continue
    entries.push({
      name,
      path,
      id: ID_PATTERN.test(name) ? name : null,
      partial: name.endsWith(PARTIAL_SUFFIX),
      mtimeMs: info.mtimeMs,
    })
  }
  return entries
}

/**
 * Response bodies as files, one per send, named by the record id, sealed with the data key in
 * chunks (secrets/sealed-format.ts): a login answer's token or an echoed secret is never on disk
 * in clear. Bodies stream in and out, so their size never matters to memory. Ids are generated,
 * never taken from a person.
 */
export class BodyStore {
  readonly sealed: SealedFiles
  private readonly writers = new Map<string, SealedWriter>()

  constructor(
    readonly dir: string,
    box: FileSealer,
  ) {
    ensurePrivateDir(dir)
    this.sealed = new SealedFiles((salt, info, length) => box.deriveKey(salt, info, length), 'response body')
  }

  private path(id: string): string {
    if (!ID_PATTERN.test(id)) throw new Error(`Not a body id: ${id}`)
    return join(this.dir, id)
  }

  /**
   * A sink written to a temp file and renamed into place when it ends, replacing what was there
   * (a redirect hop's body is replaced by the next hop's); a crash before the end leaves only the
   * temp file, which the start-up sweep removes.
   */
  openSink(id: string): BodySink {
    const path = this.path(id)
    void this.writers.get(id)?.abort()
    const writer = this.sealed.createWriter(path)
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
    return this.sealed.size(this.path(id))
  }

  /** The plain body (or a range of it, inclusive) with its size; undefined when there is none. */
  open(id: string, range?: ByteRange): Promise<OpenedRead | undefined> {
    return this.sealed.openRead(this.path(id), range)
  }

  read(id: string, range?: ByteRange): Readable {
    return this.sealed.stream(
      this.path(id),
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
    await rm(this.path(id), { force: true })
  }

  /** Empties the store (history cleared). */
  async removeAll(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true })
    ensurePrivateDir(this.dir)
  }

  /** Whether a body is being written now (the sweep never touches those). */
  writing(id: string): boolean {
    return this.writers.has(id)
  }
}
