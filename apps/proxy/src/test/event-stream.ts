import { fetch } from 'undici'

/** One server-sent frame: a named event with its data, or a comment line (a heartbeat). */
export type Frame = { event: string; data: string } | { comment: string }

export type EventStream = {
  status: number
  headers: Headers
  /** Every frame so far, in order. */
  frames: Frame[]
  /** The first frame (from the start, already seen ones included) that `accept` takes; rejects after `ms`. */
  next(accept: (frame: Frame) => boolean, ms?: number): Promise<Frame>
  /** Resolves when the server ends the stream. */
  ended: Promise<void>
  close(): void
}

function parseFrame(block: string): Frame | null {
  const lines = block.split('\n')
  if (lines.every((line) => line.startsWith(':'))) return { comment: lines.map((l) => l.slice(1).trim()).join('\n') }
  let event = 'message'
  const data: string[] = []
  for (const line of lines) {
    if (line.startsWith('event:')) event = line.slice(6).trim()
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart())
  }
  return data.length > 0 ? { event, data: data.join('\n') } : null
}

/** Reads a text/event-stream as a browser's EventSource would, over a real socket (undici fetch). */
export async function openEventStream(url: string, headers: Record<string, string>): Promise<EventStream> {
  const abort = new AbortController()
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal })
  const frames: Frame[] = []
  const waiters = new Set<() => void>()
  let buffer = ''
  const ended = (async () => {
    if (!response.body) return
    const decoder = new TextDecoder()
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true })
        let cut: number
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const frame = parseFrame(buffer.slice(0, cut))
          buffer = buffer.slice(cut + 2)
          if (frame) frames.push(frame)
        }
        for (const wake of [...waiters]) wake()
      }
    } catch (error) {
      if (!abort.signal.aborted) throw error
    }
  })()
  ended.catch(() => {})
  return {
    status: response.status,
    headers: response.headers as unknown as Headers,
    frames,
    ended,
    close: () => abort.abort(),
    next(accept, ms = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = frames.find(accept)
          if (!found) return false
          clearTimeout(timer)
          waiters.delete(check)
          resolve(found)
          return true
        }
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error(`no matching frame within ${ms} ms; got ${JSON.stringify(frames)}`))
        }, ms)
        if (!check()) waiters.add(check)
      })
    },
  }
}

export const isEvent =
  (name: string, where: (data: Record<string, unknown>) => boolean = () => true) =>
  (frame: Frame) =>
    'event' in frame && frame.event === name && where(JSON.parse(frame.data) as Record<string, unknown>)
