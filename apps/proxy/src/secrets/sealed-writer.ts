import { randomBytes } from 'node:crypto'
import { createWriteStream, type WriteStream } from 'node:fs'
import { once } from 'node:events'
import { rename, rm } from 'node:fs/promises'
import { finished } from 'node:stream/promises'
import { newFileKey, sealChunk, type KeyDeriver } from './sealed-format.js'

/** Files being written end in this; a crash leaves only such names, which the start-up sweep removes. */
export const PARTIAL_SUFFIX = '.partial'
const FLUSH_BYTES = 1024 * 1024

/** A file being sealed: bytes in, renamed into place by end(); abort() leaves nothing behind. */
export interface SealedWriter {
  write(chunk: Buffer): Promise<void>
  end(): Promise<void>
  abort(): Promise<void>
}

/** Starts a sealed file at `path`: chunks are sealed as they fill and written to a temp file renamed by end(). */
export function createSealedWriter(derive: KeyDeriver, chunkShift: number | undefined, path: string): SealedWriter {
  const file = newFileKey(derive, chunkShift)
  const temp = `${path}.${randomBytes(4).toString('hex')}${PARTIAL_SUFFIX}`
  const plain = Buffer.allocUnsafe(file.chunkSize)
  let filled = 0
  let index = 0
  let done = false

  // Sealed chunks go through a write stream, as plain bodies did: writing overlaps with
  // receiving, and a caller waits (drain) only when a megabyte is queued.
  let stream: WriteStream | undefined
  let failure: Error | undefined
  const output = (): WriteStream => {
    if (!stream) {
      stream = createWriteStream(temp, { mode: 0o600, highWaterMark: FLUSH_BYTES })
      stream.on('error', (error) => (failure ??= error))
      stream.write(file.header)
    }
    return stream
  }
  const push = async (pieces: Buffer[]) => {
    const target = output()
    let ok = true
    for (const piece of pieces) ok = target.write(piece)
    if (failure) throw failure
    if (!ok) await once(target, 'drain')
  }
  const abort = async () => {
    done = true
    if (stream) {
      stream.destroy()
      await finished(stream).catch(() => {})
    }
    stream = undefined
    await rm(temp, { force: true })
  }
  // One operation at a time, whatever the caller does: a write still flushing when end() or
  // abort() comes must not interleave with them on the file.
  let tail: Promise<unknown> = Promise.resolve()
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work)
    tail = run.catch(() => {})
    return run
  }
  const writer = {
    async write(chunk: Buffer) {
      if (done) throw new Error('write after end')
      let offset = 0
      while (offset < chunk.length) {
        const copied = chunk.copy(plain, filled, offset, Math.min(chunk.length, offset + file.chunkSize - filled))
        filled += copied
        offset += copied
        if (filled === file.chunkSize) {
          filled = 0
          await push(sealChunk(file, index++, false, [plain]))
        }
      }
    },
    async end() {
      if (done) return
      done = true
      try {
        await push(sealChunk(file, index, true, [plain.subarray(0, filled)]))
        const target = output()
        target.end()
        await finished(target)
        if (failure) throw failure
        stream = undefined
        await rename(temp, path)
      } catch (error) {
        await abort()
        throw error
      }
    },
  }
  return {
    write: (chunk) => serial(() => writer.write(chunk)),
    end: () => serial(() => writer.end()),
    abort: () => serial(abort),
  }
}
