import { randomBytes } from 'node:crypto'
import { open, rename, rm, type FileHandle } from 'node:fs/promises'
import { CourierError } from '../errors.js'
import { chunkNonce, chunkOffset, newFileKey, sealChunk, type KeyDeriver } from './sealed-format.js'
import { sealThread, SealThreadStopped, type SealThread } from './seal-thread.js'

/** Files being written end in this; a crash leaves only such names, which the start-up sweep removes. */
export const PARTIAL_SUFFIX = '.partial'
/** Chunks per hand-over to the sealing thread (1 MiB at 256 KiB): fewer, larger messages and writes. */
export const BATCH_CHUNKS = 4
/**
 * Batches at the sealing thread at once, per file. When that many are unanswered (the thread is
 * busy with other files, or not scheduled on a loaded machine), the next batch is sealed here
 * rather than waited for, so a busy thread never makes receiving slower than sealing in place.
 */
const AT_THREAD = 2
/** Batches being sealed or written at once, per file (so four writes besides the thread's two): what bounds memory. */
const PENDING = AT_THREAD + 4

/** A file being sealed: bytes in, renamed into place by end(); abort() leaves nothing behind. */
export interface SealedWriter {
  write(chunk: Buffer): Promise<void>
  end(): Promise<void>
  abort(): Promise<void>
}

/**
 * Where a sealed writer's bytes go, at their offsets in the sealed layout: the header at 0, then
 * each batch of BATCH_CHUNKS chunks (the last, possibly shorter) at its first chunk's offset, each
 * in one call. A temp file renamed into place (fileOutput), or rows in the database.
 */
export interface SealedOutput {
  writeAt(buffers: Buffer[], position: number): Promise<void>
  /** Everything is written: make it visible under its name. */
  commit(): Promise<void>
  /** Leaves nothing behind (called after every write has settled). */
  discard(): Promise<void>
}

/** Writes to `<path>.<random>.partial`, renamed to `path` on commit. */
export function fileOutput(path: string): SealedOutput {
  const temp = `${path}.${randomBytes(4).toString('hex')}${PARTIAL_SUFFIX}`
  let handle: Promise<FileHandle> | undefined
  return {
    async writeAt(buffers, position) {
      handle ??= open(temp, 'w', 0o600)
      await writeAllAt(await handle, buffers, position)
    },
    async commit() {
      if (!handle) throw new Error('nothing written')
      await (await handle).close()
      handle = undefined
      await rename(temp, path)
    },
    async discard() {
      const opened = handle
      handle = undefined
      await opened?.then((h) => h.close()).catch(() => {})
      await rm(temp, { force: true })
    },
  }
}

/**
 * Starts a sealed file at `path`, or into `output` (`what` names it in errors). Bytes fill a batch of
 * BATCH_CHUNKS chunks; a full batch's buffer is handed (transferred, not copied) to the sealing
 * thread, which encrypts it while the next one fills (or, when the thread is behind, the batch is
 * sealed here), and the ciphertext is written at its place in a temp file. end() seals what is
 * left (the last, short chunk among it) here, waits for the rest and renames the temp file into
 * place, so a body smaller than a batch never reaches the thread.
 */
export function createSealedWriter(
  derive: KeyDeriver,
  chunkShift: number | undefined,
  target: string | SealedOutput,
  what = 'file',
  thread: SealThread = sealThread,
): SealedWriter {
  const file = newFileKey(derive, chunkShift)
  const batchSize = file.chunkSize * BATCH_CHUNKS
  const out = typeof target === 'string' ? fileOutput(target) : target
  const spare: Buffer[] = [] // batch buffers back from the thread
  let atThread = 0
  let plain: Buffer | undefined // the batch being filled
  let filled = 0
  let index = 0 // of the batch's first chunk
  let done = false
  let started: Promise<SealedOutput> | undefined
  let failure: Error | undefined
  const inFlight = new Set<Promise<void>>()

  /** What the thread's failure means to the person: the file is not kept, send or upload again. */
  const threadFailed = (error: unknown): CourierError =>
    new CourierError(
      'INTERNAL',
      error instanceof SealThreadStopped
        ? `Courier's sealing thread stopped while the ${what} was being written, so nothing was kept; send or upload it again.`
        : `Courier could not seal the ${what}, so nothing was kept; send or upload it again.`,
      { cause: error },
    )
  const output = (): Promise<SealedOutput> => (started ??= out.writeAt([file.header], 0).then(() => out))
  const track = (work: Promise<void>) => {
    const settled: Promise<void> = work
      .catch((error: unknown) => void (failure ??= error as Error))
      .finally(() => inFlight.delete(settled))
    inFlight.add(settled)
  }
  /** Seals and writes a full batch; answers whether its buffer went to the thread (else it is free at once). */
  const handOver = async (batch: Buffer): Promise<boolean> => {
    // Backpressure: with PENDING batches being sealed or written, the next write waits for one.
    while (inFlight.size >= PENDING && !failure) await Promise.race(inFlight)
    if (failure) throw failure
    const target = await output()
    const first = index
    index += BATCH_CHUNKS
    const at = chunkOffset(first, file.chunkSize)
    if (atThread >= AT_THREAD) {
      const sealed: Buffer[] = []
      for (let k = 0; k < BATCH_CHUNKS; k++)
        sealed.push(
          ...sealChunk(file, first + k, false, [batch.subarray(k * file.chunkSize, (k + 1) * file.chunkSize)]),
        )
      track(target.writeAt(sealed, at))
      return false
    }
    atThread++
    const ivs = Array.from({ length: BATCH_CHUNKS }, (_, k) => chunkNonce(file, first + k, false))
    const job = thread.seal({
      key: file.key,
      ivs,
      aad: file.header,
      plain: batch.buffer as ArrayBuffer,
      chunkSize: file.chunkSize,
    })
    track(
      job.then(
        async ({ plain: back, sealed }) => {
          atThread--
          spare.push(Buffer.from(back))
          await target.writeAt(sealed, at)
        },
        (error: unknown) => {
          atThread--
          return Promise.reject(threadFailed(error))
        },
      ),
    )
    return true
  }
  /** A batch buffer: one back from the thread, or a new one (never more than AT_THREAD + 1 per file). */
  const nextBuffer = (): Buffer => spare.pop() ?? Buffer.allocUnsafeSlow(batchSize) // its own ArrayBuffer, so it can be transferred
  /** Seals here what end() found in the batch: its full chunks and the last, short one. */
  const rest = (): Buffer[] => {
    const sealed: Buffer[] = []
    let at = 0
    for (; filled - at >= file.chunkSize; at += file.chunkSize)
      sealed.push(...sealChunk(file, index++, false, [plain!.subarray(at, at + file.chunkSize)]))
    sealed.push(...sealChunk(file, index, true, plain ? [plain.subarray(at, filled)] : []))
    return sealed
  }
  const abort = async () => {
    done = true
    // No batch is still being written when the file is closed and removed.
    await Promise.all(inFlight)
    await started?.catch(() => {})
    await out.discard()
  }
  // One operation at a time, whatever the caller does: a write still waiting when end() or
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
      if (failure) throw failure
      let offset = 0
      while (offset < chunk.length) {
        plain ??= nextBuffer()
        const copied = chunk.copy(plain, filled, offset, Math.min(chunk.length, offset + batchSize - filled))
        filled += copied
        offset += copied
        if (filled === batchSize) {
          filled = 0
          if (await handOver(plain)) plain = undefined
        }
      }
    },
    async end() {
      if (done) return
      done = true
      try {
        const target = await output()
        const at = chunkOffset(index, file.chunkSize)
        await target.writeAt(rest(), at)
        await Promise.all(inFlight)
        if (failure) throw failure
        await target.commit()
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

/** Writes all of `buffers` at `position` (a write may take fewer bytes than asked). */
async function writeAllAt(handle: FileHandle, buffers: Buffer[], position: number): Promise<void> {
  let rest = buffers
  while (rest.length > 0) {
    let { bytesWritten } = await handle.writev(rest, position)
    position += bytesWritten
    const next: Buffer[] = []
    for (const buffer of rest) {
      if (bytesWritten < buffer.length) next.push(buffer.subarray(bytesWritten))
      bytesWritten = Math.max(0, bytesWritten - buffer.length)
    }
    rest = next
  }
}
