import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import type { CaptureMountInput, ChangeEvent, HistoryEntry } from '@courier/shared'
import { onTestFinished } from 'vitest'
import type { AppConfig } from '../config.js'
import { LOCAL_USER_ID, LOCAL_WORKSPACE_ID } from '../storage/local-identity.js'
import { startLiveServer, type LiveServer } from './live-server.js'
import type { StoredMount } from '../storage/capture-mount-store.js'

/** A Courier listening on a real port, with helpers to make mounts, call them and read what was recorded. */
export type CaptureServer = LiveServer & {
  port: number
  host: string
  mount(input: CaptureMountInput): Promise<StoredMount>
  /** The next `n` capture events of the local user, as they are published. */
  events(): { next(): Promise<ChangeEvent>; all: ChangeEvent[] }
  entry(id: string): Promise<HistoryEntry>
}

export type Answer = { status: number; headers: IncomingHttpHeaders; body: Buffer }

/** One raw HTTP/1.1 request (the path sent exactly as given), answered in full. */
export function call(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; host?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path,
        headers: { host: options.host ?? `127.0.0.1:${port}`, ...(options.headers ?? {}) },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }))
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

export async function startCaptureServer(overrides: Partial<AppConfig> = {}): Promise<CaptureServer> {
  const live = await startLiveServer(overrides)
  const port = Number(new URL(live.origin).port)
  const fastify = live.fastify
  return {
    ...live,
    port,
    host: `127.0.0.1:${port}`,
    mount: (input) => fastify.store.captureMounts.create(LOCAL_USER_ID, LOCAL_WORKSPACE_ID, input),
    events() {
      const all: ChangeEvent[] = []
      const waiting: ((event: ChangeEvent) => void)[] = []
      let read = 0
      const stop = fastify.services.bus.subscribe(`capture:${LOCAL_USER_ID}`, (message) => {
        if (message.type !== 'change') return
        const event = message.event
        all.push(event)
        waiting.shift()?.(event)
      })
      onTestFinished(stop)
      return {
        all,
        next: () =>
          new Promise<ChangeEvent>((resolve) => {
            if (read < all.length) resolve(all[read++]!)
            else
              waiting.push((event) => {
                read++
                resolve(event)
              })
          }),
      }
    },
    async entry(id) {
      const entry = await fastify.store.history.get(id)
      if (!entry) throw new Error(`no history entry ${id}`)
      return entry
    },
  }
}
