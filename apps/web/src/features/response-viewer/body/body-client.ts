import type { BodyCalls, BodyMessage, BodyOp } from './body-protocol'

export type BodyProgress = { received: number; total: number; phase: 'download' | 'parse' }

/** The page's side of one body worker: typed calls answered by promises. */
export class BodyClient {
  private readonly worker = new Worker(new URL('./body-worker.ts', import.meta.url), {
    type: 'module',
    name: 'response-body',
  })
  private readonly pending = new Map<number, { resolve: (value: never) => void; reject: (error: Error) => void }>()
  private next = 1
  private disposed = false

  constructor(onProgress: (progress: BodyProgress) => void) {
    this.worker.onmessage = (event: MessageEvent<BodyMessage>) => {
      const message = event.data
      if ('progress' in message) return onProgress(message.progress)
      const waiter = this.pending.get(message.id)
      if (!waiter) return
      this.pending.delete(message.id)
      if (message.ok) waiter.resolve(message.result as never)
      else waiter.reject(new Error(message.error))
    }
    this.worker.onerror = (event) => {
      for (const waiter of this.pending.values()) waiter.reject(new Error(event.message || 'The body worker failed.'))
      this.pending.clear()
    }
  }

  call<K extends BodyOp>(op: K, args: BodyCalls[K]['args']): Promise<BodyCalls[K]['result']> {
    if (this.disposed) return Promise.reject(new Error('This body is closed.'))
    const id = this.next++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: never) => void, reject })
      this.worker.postMessage({ id, op, args })
    })
  }

  dispose() {
    this.disposed = true
    this.worker.terminate()
    for (const waiter of this.pending.values()) waiter.reject(new Error('This body is closed.'))
    this.pending.clear()
  }
}
