import { Readable } from 'node:stream'
import type { BlobStore, BlobWriter, ByteRange, OpenedRead, StoredBlob } from '../ports/blob-store.js'

/** What a file run keeps of response bodies at most; the oldest go first past it. */
const DEFAULT_BUDGET_BYTES = 64 * 1024 * 1024

/**
 * Response bodies of a `courier run` on a Postman file, in memory: the run's store is thrown away
 * when it ends, so nothing is written to disk (and nothing needs sealing). A body is read right
 * after its send (scripts, captures, the report); older ones are dropped once the run holds more
 * than `budgetBytes`, so a long run of large downloads stays bounded.
 */
export class MemoryBlobs implements BlobStore {
  /** In insertion order: the first is the oldest. */
  private readonly blobs = new Map<string, Buffer>()
  private bytes = 0

  constructor(private readonly budgetBytes = DEFAULT_BUDGET_BYTES) {}

  createWriter(id: string): BlobWriter {
    let chunks: Buffer[] | undefined = []
    return {
      write: async (chunk) => {
        chunks?.push(chunk)
      },
      end: async () => {
        if (!chunks) return
        const body = Buffer.concat(chunks)
        chunks = undefined
        this.drop(id)
        this.blobs.set(id, body)
        this.bytes += body.length
        for (const [oldest, kept] of this.blobs) {
          if (this.bytes <= this.budgetBytes || oldest === id) break
          this.blobs.delete(oldest)
          this.bytes -= kept.length
        }
      },
      abort: async () => {
        chunks = undefined
      },
    }
  }

  private drop(id: string): void {
    const kept = this.blobs.get(id)
    if (!kept) return
    this.blobs.delete(id)
    this.bytes -= kept.length
  }

  async size(id: string): Promise<number | undefined> {
    return this.blobs.get(id)?.length
  }

  async openRead(id: string, range?: ByteRange): Promise<OpenedRead | undefined> {
    const body = this.blobs.get(id)
    if (!body) return undefined
    const part = range ? body.subarray(range.start, Math.min(range.end, body.length - 1) + 1) : body
    return { size: body.length, stream: Readable.from([part]) }
  }

  async remove(id: string): Promise<void> {
    this.drop(id)
  }

  async removeAll(): Promise<void> {
    this.blobs.clear()
    this.bytes = 0
  }

  async list(): Promise<StoredBlob[]> {
    return [...this.blobs.keys()].map((id) => ({ name: `memory:${id}`, key: id, id, partial: false, writtenMs: 0 }))
  }

  async discard(blob: StoredBlob): Promise<void> {
    this.drop(blob.key)
  }

  /** Nothing here was ever written in clear by an older Courier. */
  async resealIfPlain(): Promise<boolean> {
    return false
  }
}
