import { createReadStream } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import { Readable } from 'node:stream'
import {
  damaged,
  fileKeyFromHeader,
  geometry,
  hasMagic,
  HEADER_SIZE,
  openChunk,
  TAG_SIZE,
  type FileKey,
  type Geometry,
  type KeyDeriver,
} from './sealed-format.js'
import { createSealedWriter, type SealedOutput, type SealedWriter } from './sealed-writer.js'

/** A read fetches up to this many bytes of sealed chunks at once into one reused buffer. */
const READ_BYTES = 1024 * 1024

/** The same shapes as ports/blob-store.ts (secrets imports no port). */
export type ByteRange = { start: number; end: number }

export type OpenedRead = { size: number; stream: Readable }

type Layout =
  { sealed: true; file: FileKey; geometry: Geometry; fileSize: number } | { sealed: false; fileSize: number }

/**
 * Reads and writes files sealed with the data key (sealed-format.ts): streamed in both
 * directions, so memory stays flat whatever the size. Files written before sealing existed
 * (no magic) are read as they are, and `reseal` turns one into a sealed file.
 */
export class SealedFiles {
  constructor(
    private readonly derive: KeyDeriver,
    /** Names the content in errors: "response body", "uploaded file". */
    private readonly what: string,
    private readonly chunkShift?: number,
  ) {}

  /** A writer to a file at `path`, or into another output (database rows). */
  createWriter(target: string | SealedOutput): SealedWriter {
    return createSealedWriter(this.derive, this.chunkShift, target, this.what)
  }

  /** Streams `source` into a sealed file at `path`; answers the plain size. A failed source leaves nothing. */
  async writeFrom(source: AsyncIterable<Buffer | string>, path: string): Promise<number> {
    const writer = this.createWriter(path)
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
    return size
  }

  private async layout(handle: FileHandle): Promise<Layout> {
    const { size: fileSize } = await handle.stat()
    const head = Buffer.alloc(Math.min(HEADER_SIZE, fileSize))
    await readFully(handle, head, 0, this.what)
    if (!hasMagic(head)) return { sealed: false, fileSize }
    const file = fileKeyFromHeader(head, this.derive, this.what)
    const shape = geometry(fileSize, file.chunkSize)
    if (!shape) throw damaged(this.what)
    return { sealed: true, file, geometry: shape, fileSize }
  }

  /** The plain size (from the file size and the chunk geometry, nothing decrypted); undefined when there is no file. */
  async size(path: string): Promise<number | undefined> {
    const handle = await openOrUndefined(path)
    if (!handle) return undefined
    try {
      const layout = await this.layout(handle)
      return layout.sealed ? layout.geometry.plainSize : layout.fileSize
    } finally {
      await handle.close()
    }
  }

  /** Whether the file at `path` is sealed (false for a file from before sealing). */
  async isSealed(path: string): Promise<boolean> {
    const handle = await open(path, 'r')
    try {
      return (await this.layout(handle)).sealed
    } finally {
      await handle.close()
    }
  }

  /**
   * Opens the plain bytes of `range` (inclusive, clamped to the size) as a stream, after checking
   * the header, the geometry and the first chunk it needs, so a damaged file fails here with
   * STORAGE_CORRUPT rather than after a reply has started. Undefined when there is no file.
   */
  async openRead(path: string, range?: ByteRange): Promise<OpenedRead | undefined> {
    const handle = await openOrUndefined(path)
    if (!handle) return undefined
    let layout: Layout
    try {
      layout = await this.layout(handle)
    } catch (error) {
      await handle.close()
      throw error
    }
    if (!layout.sealed) {
      await handle.close()
      const size = layout.fileSize
      const clamped = range && { start: range.start, end: Math.min(range.end, size - 1) }
      const empty = size === 0 || (clamped !== undefined && clamped.end < clamped.start)
      return { size, stream: empty ? Readable.from([]) : createReadStream(path, clamped) }
    }
    const { plainSize, chunkSize } = layout.geometry
    const start = Math.max(0, range?.start ?? 0)
    const end = Math.min(range?.end ?? plainSize - 1, plainSize - 1)
    if (end < start && plainSize > 0) {
      await handle.close()
      return { size: plainSize, stream: Readable.from([]) }
    }
    const generator = this.plainChunks(
      handle,
      layout,
      Math.floor(start / chunkSize),
      Math.max(0, Math.floor(end / chunkSize)),
      start,
      end,
    )
    let first: IteratorResult<Buffer>
    try {
      first = await generator.next()
    } catch (error) {
      await generator.return(undefined)
      throw error
    }
    async function* primed(): AsyncGenerator<Buffer> {
      if (first.done) return
      yield first.value
      yield* generator
    }
    return { size: plainSize, stream: Readable.from(primed(), { objectMode: false }) }
  }

  /** Decrypts chunks `firstIndex`..`lastIndex`, reading several at a time, and cuts them to [start, end]. */
  private async *plainChunks(
    handle: FileHandle,
    layout: Layout & { sealed: true },
    firstIndex: number,
    lastIndex: number,
    start: number,
    end: number,
  ): AsyncGenerator<Buffer> {
    const { file, fileSize } = layout
    const { chunks, chunkSize } = layout.geometry
    const stride = chunkSize + TAG_SIZE
    const sealedLength = (index: number) => (index === chunks - 1 ? fileSize - HEADER_SIZE - index * stride : stride)
    const perRead = Math.max(1, Math.floor(READ_BYTES / stride))
    // Decrypting makes new buffers, so the sealed bytes can go into the same one every time.
    const buffer = Buffer.allocUnsafe(Math.min(perRead, lastIndex - firstIndex + 1) * stride)
    type Block = { index: number; count: number; block: Buffer }
    const fetch = (index: number): Promise<Block> => {
      const count = Math.min(perRead, lastIndex - index + 1)
      const block = buffer.subarray(0, (count - 1) * stride + sealedLength(index + count - 1))
      const read = readFully(handle, block, HEADER_SIZE + index * stride, this.what).then(() => ({
        index,
        count,
        block,
      }))
      read.catch(() => {}) // awaited below; never unhandled if the reader stops first
      return read
    }
    let next: Promise<Block> | undefined = fetch(firstIndex)
    try {
      while (next) {
        const { index: from, count, block }: Block = await next
        const plains: Buffer[] = []
        for (let k = 0, index = from; k < count; k++, index++) {
          let plain = openChunk(
            file,
            index,
            index === chunks - 1,
            block.subarray(k * stride, k * stride + sealedLength(index)),
            this.what,
          )
          const base = index * chunkSize
          if (end < base + plain.length - 1) plain = plain.subarray(0, end - base + 1)
          if (start > base) plain = plain.subarray(start - base)
          if (plain.length > 0) plains.push(plain)
        }
        // The block is decrypted into new buffers, so the next read may fill it while these go out.
        next = from + count <= lastIndex ? fetch(from + count) : undefined
        for (const plain of plains) yield plain
      }
    } finally {
      await next?.catch(() => {})
      await handle.close()
    }
  }

  /**
   * The same as openRead, as a stream at once (for callers that want a Readable now): an error,
   * a missing file (`missing()`) included, arrives as the stream's error.
   */
  stream(path: string, range: ByteRange | undefined, missing: () => Error): Readable {
    const openRead = (at: ByteRange | undefined) => this.openRead(path, at)
    async function* bytes(): AsyncGenerator<Buffer> {
      const opened = await openRead(range)
      if (!opened) throw missing()
      for await (const chunk of opened.stream) yield chunk as Buffer
    }
    return Readable.from(bytes(), { objectMode: false })
  }

  /** Rewrites a file from before sealing as a sealed one, in place (temp file, then rename). */
  async reseal(path: string): Promise<void> {
    await this.writeFrom(createReadStream(path), path)
  }
}

async function openOrUndefined(path: string): Promise<FileHandle | undefined> {
  try {
    return await open(path, 'r')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

async function readFully(handle: FileHandle, buffer: Buffer, position: number, what: string): Promise<void> {
  let filled = 0
  while (filled < buffer.length) {
    const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, position + filled)
    if (bytesRead === 0) throw damaged(what)
    filled += bytesRead
  }
}
