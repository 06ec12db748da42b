import { Worker } from 'node:worker_threads'

/** Chunks for the worker: seal chunk i of `plain` (`chunkSize` bytes at i × chunkSize) with `ivs[i]`. */
export type SealJob = {
  key: Buffer
  ivs: Buffer[]
  aad: Buffer
  /** Transferred to the worker and back, never copied; detached here until the answer. */
  plain: ArrayBuffer
  chunkSize: number
}

/** The plain buffer back (for reuse) and the sealed chunks, each its ciphertext then its tag. */
export type Sealed = { plain: ArrayBuffer; sealed: Buffer[] }

type Answer = {
  id: number
  plain: ArrayBuffer
  error?: string
  buffers?: ArrayBuffer[]
  spans?: [number, number][]
  tags?: Uint8Array[]
}

/** The worker ended (crashed, was terminated) before answering. */
export class SealThreadStopped extends Error {
  constructor(cause?: unknown) {
    super('The sealing thread stopped before it sealed the chunks.', cause === undefined ? undefined : { cause })
    this.name = 'SealThreadStopped'
  }
}

type Waiting = { resolve: (sealed: Sealed) => void; reject: (error: Error) => void }

// The worker is plain JavaScript next to this file in the sources, and next to the bundle in dist/.
const WORKER_URL = new URL('./seal-worker.mjs', import.meta.url)

/**
 * A worker thread that seals runs of chunks (seal-worker.mjs), so a large body is encrypted on the
 * machine's other core while the main thread keeps receiving. Started on first use and again
 * after it ends; it holds the process open only while it has work, so `courier run` exits when it
 * is done. Every job is answered exactly once: with the sealed chunks and the plain buffer back,
 * the cipher's error, or SealThreadStopped once the thread has ended.
 */
export class SealThread {
  private worker: Worker | undefined
  private readonly waiting = new Map<number, Waiting>()
  private nextId = 0

  seal(job: SealJob): Promise<Sealed> {
    const worker = this.started()
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject })
      if (this.waiting.size === 1) worker.ref()
      worker.postMessage({ id, ...job }, [job.plain])
    })
  }

  /** Ends the thread now; what it had not answered fails with SealThreadStopped. The next job starts a new one. */
  async stop(): Promise<void> {
    await this.worker?.terminate()
  }

  private started(): Worker {
    if (this.worker) return this.worker
    const worker = new Worker(WORKER_URL, { name: 'courier-seal' })
    worker.unref()
    let failure: unknown
    worker.on('message', (answer: Answer) => {
      const waiting = this.waiting.get(answer.id)
      if (!waiting) return
      this.waiting.delete(answer.id)
      if (this.waiting.size === 0) worker.unref()
      const { buffers, spans, tags } = answer
      if (answer.error !== undefined || !buffers || !spans || !tags) {
        waiting.reject(new Error(`Sealing a chunk failed: ${answer.error}`))
        return
      }
      const sealed = buffers.flatMap((buffer, i) => [
        Buffer.from(buffer, ...spans[i]!),
        Buffer.from(tags[i]!.buffer, tags[i]!.byteOffset, tags[i]!.length),
      ])
      waiting.resolve({ plain: answer.plain, sealed })
    })
    // 'error' (an exception in the thread) is always followed by 'exit'; only after 'exit' has
    // the thread stopped for good, so only then are the jobs it held failed.
    worker.on('error', (error) => (failure ??= error))
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined
      const stopped = [...this.waiting.values()]
      this.waiting.clear()
      for (const waiting of stopped) waiting.reject(new SealThreadStopped(failure))
    })
    this.worker = worker
    return worker
  }
}

/** The process's one sealing thread, shared by every sealed writer (bodies and uploaded files). */
export const sealThread = new SealThread()
