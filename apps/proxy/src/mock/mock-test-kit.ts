import { request as httpRequest } from 'node:http'
import type { ChangeEvent, ExampleSchema, Mock, MockInput } from '@courier/shared'
import { onTestFinished } from 'vitest'
import type { z } from 'zod'
import type { AppConfig } from '../config.js'
import type { Actor } from '../team/scope.js'
import { startLiveServer, type LiveServer } from '../test/live-server.js'
import { startMocksBeside, type MockListener } from './mock-server.js'

export type MockKit = {
  live: LiveServer
  listener: MockListener
  /** A collection with one saved request per entry (method, URL, examples); answers its id. */
  collection(
    requests: { name?: string; method: string; url: string; examples: ExampleInput[] }[],
    user?: string,
  ): Promise<string>
  createMock(input: MockInput, user?: string): Promise<Mock>
  /** The next 'mock' change of `mockId` published on the workspace's bus. */
  nextChange(mockId: string, workspaceId?: string): Promise<ChangeEvent>
}
export type ExampleInput = z.input<typeof ExampleSchema>

/** Courier listening on a free port (real sockets) with its mock listener beside it on another. */
export async function startMockKit(
  overrides: Partial<AppConfig> = {},
  actors: Record<string, Actor> = {},
  publicUrl: string | null = null,
): Promise<MockKit> {
  const live = await startLiveServer(overrides, actors)
  const listener = await startMocksBeside(live.fastify, { host: '127.0.0.1', port: 0, publicUrl })
  onTestFinished(() => listener.close())
  const ok = <T>(answer: { status: number; json: unknown }, what: string): T => {
    if (answer.status >= 300) throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.json)}`)
    return answer.json as T
  }
  return {
    live,
    listener,
    async collection(requests, user) {
      const { id } = ok<{ id: string }>(
        await live.call('POST', '/api/collections', { name: 'Mocked' }, user),
        'collection',
      )
      for (const [i, r] of requests.entries())
        ok(
          await live.call(
            'POST',
            '/api/items',
            {
              kind: 'request',
              collectionId: id,
              name: r.name ?? `Request ${i + 1}`,
              request: { method: r.method, url: r.url, examples: r.examples },
            },
            user,
          ),
          'saved request',
        )
      return id
    },
    async createMock(input, user) {
      return ok<Mock>(await live.call('POST', '/api/mocks', input, user), 'mock')
    },
    nextChange(mockId, workspaceId = 'local') {
      return new Promise((resolve) => {
        const stop = live.fastify.services.bus.subscribe(workspaceId, (message) => {
          if (message.type === 'change' && message.event.kind === 'mock' && message.event.id === mockId) {
            stop()
            resolve(message.event)
          }
        })
      })
    },
  }
}

/** A raw HTTP request with a Host header of the test's choosing (fetch cannot set one). */
export function rawGet(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url)
    const req = httpRequest(
      { host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, headers: { host } },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }))
      },
    )
    req.on('error', reject)
    req.end()
  })
}
