import { createReadStream, createWriteStream, type ReadStream } from 'node:fs'
import { readFile, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { once } from 'node:events'
import type { BodySink } from '../engine/body-receiver.js'
import { ID_PATTERN } from '../ids.js'
import { ensurePrivateDir } from './data-dir.js'

/**
 * Response bodies as files, one per send, named by the record id. Bodies stream in and out,
 * so their size never matters to memory. Ids are generated, never taken from a person.
 */
export class BodyStore {
  constructor(private readonly dir: string) {
    ensurePrivateDir(dir)
  }

  private path(id: string): string {
    if (!ID_PATTERN.test(id)) throw new Error(`Not a body id: ${id}`)
    return join(this.dir, id)
  }

  /** A sink that truncates the file first (a redirect hop's body is replaced by the next hop's). */
  openSink(id: string): BodySink {
    const path = this.path(id)
    let stream: ReturnType<typeof createWriteStream> | undefined
    const open = () => (stream ??= createWriteStream(path, { mode: 0o600 }))
    return {
      async write(chunk) {
        const out = open()
        if (!out.write(chunk)) await once(out, 'drain')
      },
      async end() {
        const out = open()
        out.end()
        await once(out, 'close')
      },
      async abort() {
        if (!stream || stream.closed) return
        const closed = once(stream, 'close')
        stream.destroy()
        await closed
      },
    }
  }

  async size(id: string): Promise<number | undefined> {
    try {
      return (await stat(this.path(id))).size
    } catch {
      return undefined
    }
  }

  read(id: string, range?: { start: number; end: number }): ReadStream {
    return createReadStream(this.path(id), range)
  }

  /** The body as UTF-8 text, or only its first `maxBytes`: for search, captures and exports. */
  async readText(id: string, maxBytes?: number): Promise<string> {
    if (maxBytes === undefined) return readFile(this.path(id), 'utf8')
    const chunks: Buffer[] = []
    for await (const chunk of this.read(id, { start: 0, end: maxBytes - 1 })) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks).toString('utf8')
  }

  async remove(id: string): Promise<void> {
    await rm(this.path(id), { force: true })
  }

  /** Empties the store (history cleared). */
  async removeAll(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true })
    ensurePrivateDir(this.dir)
  }
}
