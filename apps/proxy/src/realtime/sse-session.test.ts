import type { ServerResponse } from 'node:http'
import {
  RealtimeSpecSchema,
  SendInputSchema,
  SseParser,
  type RealtimeHandshake,
  type RequestSpecInput,
  type SseEvent,
} from '@courier/shared'
import { EventSource } from 'undici'
import { describe, expect, it, onTestFinished, vi } from 'vitest'
import { CourierError } from '../errors.js'
import { localServicesOptions, openServices } from '../services.js'
import { localScope } from '../team/scope.js'
import { testConfig, TEST_PORT } from '../test/build-test-app.js'
import { startUpstream } from '../test/upstream.js'
import type { SendServices } from '../send/perform-send.js'
import type { FrameInput, SessionSink } from './adapter.js'
import { createSseAdapter } from './sse-session.js'

async function openTestServices() {
  const services = await openServices(localServicesOptions(testConfig(), () => TEST_PORT))
  onTestFinished(() => services.close())
  return { ...services, log: { error: () => {} } } satisfies SendServices
}

type Closing = Parameters<SessionSink['closed']>[0]

/** A sink that records what the adapter reports, in order. */
function recordingSink() {
  const opened: RealtimeHandshake[] = []
  const frames: FrameInput[] = []
  let closedWith: Closing | undefined
  let onClosed: (info: Closing) => void = () => {}
  const closed = new Promise<Closing>((resolve) => (onClosed = resolve))
  const sink: SessionSink = {
    opened: (handshake) => opened.push(handshake),
    frame: (frame) => frames.push(frame),
    closed: (info) => {
      closedWith ??= info
      onClosed(info)
    },
  }
  return {
    sink,
    opened,
    frames,
    closed,
    events: () => frames.filter((f) => f.type === 'event'),
    notes: () => frames.filter((f) => f.dir === 'info').map((f) => f.data),
    get closedWith() {
      return closedWith
    },
  }
}

type SessionOptions = { reconnect?: boolean; lastEventId?: string }

/** Opens an SSE session on `request` the way the realtime route will: a real send, real services. */
async function openSession(request: RequestSpecInput, options: SessionOptions = {}) {
  const kit = await sessionKit(request, options)
  return { ...kit, upstream: await kit.open() }
}

/** Everything a session needs; `open()` starts it. */
async function sessionKit(request: RequestSpecInput, options: SessionOptions = {}) {
  const services = await openTestServices()
  const scope = localScope(services.store)
  const recorder = recordingSink()
  const abort = new AbortController()
  const waits: number[] = []
  const adapter = createSseAdapter({
    // Reconnect delays are recorded, not waited for; an abort still ends the wait.
    wait: async (ms, signal) => {
      waits.push(ms)
      if (signal.aborted) throw signal.reason
    },
  })
  const realtime = RealtimeSpecSchema.parse({ kind: 'sse', reconnect: options.reconnect ?? false })
  const open = (environmentId?: string) =>
    adapter.open({
      input: SendInputSchema.parse({ request: { ...request, realtime }, ...(environmentId ? { environmentId } : {}) }),
      realtime,
      ...(options.lastEventId ? { lastEventId: options.lastEventId } : {}),
      sink: recorder.sink,
      signal: abort.signal,
      services,
      scope,
      maxFramePreviewBytes: 16,
    })
  const stored = async (id: string) => {
    const chunks: Buffer[] = []
    for await (const chunk of services.bodies.read(id)) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks).toString('utf8')
  }
  return { ...recorder, open, abort, services, scope, waits, stored }
}

/** Writes an event stream's head; the handler then writes events itself. */
function streamHead(response: ServerResponse) {
  response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', 'X-Stream': 'on' })
  response.flushHeaders()
}

function gate() {
  let open: () => void = () => {}
  const opened = new Promise<void>((resolve) => (open = resolve))
  return { open: () => open(), opened }
}

describe('sse session', () => {
  it('opens as soon as the head arrives and reports each event as it arrives; the entry keeps the stream byte-exact', async () => {
    const more = gate()
    const written: string[] = []
    const write = (response: ServerResponse, text: string) => {
      written.push(text)
      response.write(text)
    }
    const upstream = await startUpstream(async (_request, response) => {
      streamHead(response)
      await more.opened
      write(response, ': hello\nretry: 1500\nid: 1\nevent: greet\ndata: {"hi":"there"}\n\n')
      write(response, 'data: a long line of data past the preview cap\ndata: second line\n\n')
      write(response, 'id: 2\nevent: unfinished\ndata: never dispatched')
      response.end()
    })
    const session = await openSession({
      method: 'GET',
      url: upstream.url('/events'),
      auth: { type: 'bearer', token: 'tok-1' },
    })
    // Opened before any event was written.
    expect(session.opened).toHaveLength(1)
    expect(session.opened[0]).toMatchObject({ url: upstream.url('/events'), status: 200, statusText: 'OK' })
    expect(session.opened[0]!.responseHeaders).toContainEqual(['X-Stream', 'on'])
    expect(session.opened[0]!.requestHeaders).toContainEqual(['Accept', 'text/event-stream'])
    expect(session.events()).toEqual([])

    more.open()
    const closing = await session.closed
    expect(closing).toEqual({ reason: 'The server ended the stream.', historyId: expect.any(String) })
    expect(session.events()).toEqual([
      { dir: 'in', type: 'event', size: 14, data: '{"hi":"there"}', event: 'greet', id: '1', retry: 1500 },
      {
        dir: 'in',
        type: 'event',
        size: 52,
        data: 'a long line of d',
        truncated: true,
        event: 'message',
        id: '1',
      },
    ])
    const request = upstream.received[0]!
    expect(request.headers).toContainEqual(['Accept', 'text/event-stream'])
    expect(request.headers).toContainEqual(['Authorization', 'Bearer tok-1'])
    expect(request.headers.some(([name]) => name.toLowerCase() === 'last-event-id')).toBe(false)

    const historyId = session.upstream.historyId!()!
    const entry = await session.scope.history.get(historyId)
    expect(entry?.response).toMatchObject({ ok: true, status: 200, body: { contentType: 'text/event-stream' } })
    expect(await session.stored(historyId)).toBe(written.join(''))
  })

  it('resolves variables; a secret one reaches the server but shows as {{name}} in the handshake and history', async () => {
    const upstream = await startUpstream(async (_request, response) => {
      streamHead(response)
      response.end('data: x\n\n')
    })
    const kit = await sessionKit({
      method: 'GET',
      url: upstream.url('/{{path}}'),
      headers: [['Authorization', 'Bearer {{token}}', true]],
    })
    const env = await kit.scope.data.environments.create('Staging', [
      { name: 'path', value: 'feed', enabled: true, secret: false },
      { name: 'token', value: 'sse-secret-7731', enabled: true, secret: true },
    ])
    const session = await kit.open(env.id)
    await kit.closed
    expect(upstream.received[0]!.url).toBe('/feed')
    expect(upstream.received[0]!.headers).toContainEqual(['Authorization', 'Bearer sse-secret-7731'])
    expect(kit.opened[0]!.url).toBe(upstream.url('/feed'))
    expect(kit.opened[0]!.requestHeaders).toContainEqual(['Authorization', 'Bearer {{token}}'])
    expect(JSON.stringify(kit.opened)).not.toContain('sse-secret-7731')
    expect(JSON.stringify(await kit.scope.history.get(session.historyId!()!))).not.toContain('sse-secret-7731')
  })

  it('keeps an Accept the request chose, and sends the Last-Event-ID it resumes from', async () => {
    const upstream = await startUpstream(async (_request, response) => {
      streamHead(response)
      response.end('data: x\n\n')
    })
    const session = await openSession(
      { method: 'GET', url: upstream.url('/'), headers: [['accept', 'text/event-stream, */*;q=0.1', true]] },
      { lastEventId: '41' },
    )
    await session.closed
    const headers = upstream.received[0]!.headers
    expect(headers.filter(([name]) => name.toLowerCase() === 'accept')).toEqual([
      ['accept', 'text/event-stream, */*;q=0.1'],
    ])
    expect(headers).toContainEqual(['Last-Event-ID', '41'])
    expect(session.events()[0]).toMatchObject({ data: 'x', id: '41' })
  })

  it('reconnects after the server’s retry with Last-Event-ID, each connection its own entry, and stops at 204', async () => {
    const answers = [
      (response: ServerResponse) => {
        streamHead(response)
        response.end('retry: 1234\nid: a1\ndata: one\n\n')
      },
      (response: ServerResponse) => {
        streamHead(response)
        response.end('id: a2\ndata: two\n\n')
      },
      (response: ServerResponse) => {
        response.writeHead(204)
        response.end()
      },
    ]
    let served = 0
    const upstream = await startUpstream((_request, response) => answers[served++]!(response))
    const session = await openSession({ method: 'GET', url: upstream.url('/live') }, { reconnect: true })
    const closing = await session.closed
    expect(closing).toEqual({
      reason: 'The server answered 204 No Content: it asks the client not to reconnect.',
      historyId: expect.any(String),
    })
    expect(session.waits).toEqual([1234, 1234])
    expect(upstream.received.map((r) => r.headers.find(([n]) => n === 'Last-Event-ID')?.[1])).toEqual([
      undefined,
      'a1',
      'a2',
    ])
    expect(session.events().map((e) => [e.id, e.data])).toEqual([
      ['a1', 'one'],
      ['a2', 'two'],
    ])
    expect(session.notes()).toEqual([
      'The server ended the stream. Reconnecting in 1234 ms with Last-Event-ID: a1.',
      'Reconnected: 200 OK.',
      'The server ended the stream. Reconnecting in 1234 ms with Last-Event-ID: a2.',
      'Reconnected: 204 No Content.',
    ])
    const entries = (await session.scope.history.list({ limit: 10 })).items
    expect(entries).toHaveLength(3)
    // historyId is the latest connection's entry.
    expect(session.upstream.historyId!()).toBe(entries[0]!.id)
    const oldest = entries[2]!.id
    expect(await session.stored(oldest)).toBe('retry: 1234\nid: a1\ndata: one\n\n')
  })

  it('keeps a stream’s retry within 1 s and 1 h', async () => {
    const answers = [
      (response: ServerResponse) => {
        streamHead(response)
        response.end('retry: 0\ndata: one\n\n')
      },
      (response: ServerResponse) => {
        streamHead(response)
        response.end('retry: 99999999999\ndata: two\n\n')
      },
      (response: ServerResponse) => {
        response.writeHead(204)
        response.end()
      },
    ]
    let served = 0
    const upstream = await startUpstream((_request, response) => answers[served++]!(response))
    const session = await openSession({ method: 'GET', url: upstream.url('/retry') }, { reconnect: true })
    await session.closed
    expect(session.waits).toEqual([1000, 3_600_000])
  })

  it('backs off reconnects that get no answer (3 s, 6 s… up to 60 s) and gives up after 10 in a row', async () => {
    let served = 0
    const upstream = await startUpstream((_request, response) => {
      if (served++ === 0) {
        streamHead(response)
        response.end('data: once\n\n')
      } else response.socket!.destroy()
    })
    const session = await openSession({ method: 'GET', url: upstream.url('/flaky') }, { reconnect: true })
    const closing = await session.closed
    expect(session.waits).toEqual([3000, 3000, 6000, 12000, 24000, 48000, 60000, 60000, 60000, 60000])
    expect(closing.reason).toMatch(/^Gave up after 10 reconnects in a row got no answer \(.+\)\.$/)
    expect(session.notes().at(-1)).toBe(closing.reason)
  })

  it('stopping (the session’s abort signal) keeps the body so far as a partial entry and does not reconnect', async () => {
    const upstream = await startUpstream((_request, response) => {
      streamHead(response)
      response.write('id: 7\ndata: first\n\n')
    })
    const session = await openSession({ method: 'GET', url: upstream.url('/forever') }, { reconnect: true })
    await vi.waitFor(() => expect(session.events()).toHaveLength(1))
    session.abort.abort()
    expect(await session.closed).toEqual({ reason: 'You stopped the event stream.', historyId: expect.any(String) })
    expect(session.waits).toEqual([])
    expect(upstream.received).toHaveLength(1)
    const historyId = session.upstream.historyId!()!
    const entry = await session.scope.history.get(historyId)
    expect(entry?.response).toMatchObject({ ok: false, partial: true, status: 200, error: { code: 'ABORTED' } })
    expect(await session.stored(historyId)).toBe('id: 7\ndata: first\n\n')
  })

  it('stopped before any answer, it ends with nothing kept', async () => {
    const upstream = await startUpstream(() => new Promise(() => {}))
    const kit = await sessionKit({ method: 'GET', url: upstream.url('/silent') }, { reconnect: true })
    const opening = kit.open()
    await vi.waitFor(() => expect(upstream.received).toHaveLength(1))
    kit.abort.abort()
    const session = await opening
    expect(await kit.closed).toEqual({ reason: 'You stopped the event stream.' })
    expect(kit.opened).toEqual([])
    expect(session.historyId!()).toBeUndefined()
    expect((await kit.scope.history.list({ limit: 10 })).items).toEqual([])
  })

  it('a stream that breaks off keeps what arrived, partial, and says so', async () => {
    const upstream = await startUpstream((_request, response) => {
      streamHead(response)
      response.write('id: 1\ndata: before the reset\n\n', () => response.socket!.destroy())
    })
    const session = await openSession({ method: 'GET', url: upstream.url('/') })
    const closing = await session.closed
    expect(closing.reason).toMatch(/^The stream broke off \(.+\)\.$/)
    expect(session.events().map((e) => e.data)).toEqual(['before the reset'])
    const entry = await session.scope.history.get(session.upstream.historyId!()!)
    expect(entry?.response).toMatchObject({ ok: false, partial: true, status: 200 })
  })

  it('close() stops it the same way', async () => {
    const upstream = await startUpstream((_request, response) => {
      streamHead(response)
      response.write('data: first\n\n')
    })
    const session = await openSession({ method: 'GET', url: upstream.url('/') }, { reconnect: true })
    await vi.waitFor(() => expect(session.events()).toHaveLength(1))
    session.upstream.close()
    expect(await session.closed).toEqual({ reason: 'You stopped the event stream.', historyId: expect.any(String) })
  })

  it('reports an answer that is not an event stream, and does not reconnect to it', async () => {
    const upstream = await startUpstream((_request, response) => {
      response.writeHead(404, { 'Content-Type': 'text/html' })
      response.end('<h1>no</h1>')
    })
    const session = await openSession({ method: 'GET', url: upstream.url('/nope') }, { reconnect: true })
    const closing = await session.closed
    const sentence =
      'The server answered 404 Not Found with text/html, not a 200 text/event-stream; the answer is kept in history as a normal response.'
    expect(closing).toEqual({ reason: sentence, historyId: expect.any(String) })
    expect(session.opened[0]).toMatchObject({ status: 404 })
    expect(session.notes()).toEqual([sentence])
    expect(session.events()).toEqual([])
    expect(session.waits).toEqual([])
    expect(await session.stored(session.upstream.historyId!()!)).toBe('<h1>no</h1>')
  })

  it('a destination the policy refuses closes the session with that error, as for a send', async () => {
    const session = await openSession(
      { method: 'GET', url: 'http://169.254.169.254/latest/meta-data' },
      { reconnect: true },
    )
    const closing = await session.closed
    expect(closing.error?.code).toBe('TARGET_FORBIDDEN')
    // Refused after open resolved or before: closed names the connection's entry either way.
    expect(closing.historyId).toBeTruthy()
    expect((await session.scope.history.get(closing.historyId!))?.response).toMatchObject({
      error: { code: 'TARGET_FORBIDDEN' },
    })
    expect(session.opened).toEqual([])
    expect(session.waits).toEqual([])
  })

  it('an unknown variable refuses the open before anything is sent', async () => {
    const services = await openTestServices()
    const realtime = RealtimeSpecSchema.parse({ kind: 'sse' })
    const recorder = recordingSink()
    await expect(
      createSseAdapter().open({
        input: SendInputSchema.parse({ request: { method: 'GET', url: 'http://{{nowhere}}/', realtime } }),
        realtime,
        sink: recorder.sink,
        signal: new AbortController().signal,
        services,
        scope: localScope(services.store),
        maxFramePreviewBytes: 1024,
      }),
    ).rejects.toMatchObject({ code: 'VARIABLE_UNRESOLVED' })
  })

  it('send() throws a CourierError: an event stream carries nothing from the client', async () => {
    const upstream = await startUpstream((_request, response) => {
      streamHead(response)
      response.end()
    })
    const session = await openSession({ method: 'GET', url: upstream.url('/') })
    expect(() => session.upstream.send({ format: 'text', data: 'hi' })).toThrow(CourierError)
    await session.closed
  })
})

/** Streams the judge and the parser must read alike (each followed by an end marker the judge waits for). */
const JUDGED_STREAMS = [
  'data: YHOO\ndata: +2\ndata: 10\n\n',
  ': test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n\n',
  'data\n\ndata\ndata\n\ndata:',
  'data:test\n\ndata: test\n\n',
  'data: a\r\ndata: b\rdata: c\n\r\nevent: named\rdata: d\r\r',
  '\uFEFFdata: bom\n\n\uFEFFdata: not a field\n\n',
  'id: 7\ndata: a\n\nid: bad\u0000id\ndata: b\n\nid: 9\n\ndata: c\n\n',
  'retry: 10\nretry: x1\ndata: r\n\nevent\ndata\n\n:comment\nfoo: bar\nevent: other\ndata: ☃ é 𝄞\n\n',
  'event: named\ndata: one\n\nevent:\ndata: two\n\nevent:  spaced\ndata: three\n\n',
]
const END_MARKER = '\n\nevent: end-marker\ndata: end\n\n'
const JUDGED_TYPES = ['message', 'named', 'other', 'spaced', ' spaced', 'end-marker']

type Judged = Pick<SseEvent, 'event' | 'data' | 'id'>

/** What undici's EventSource (WHATWG EventSource) dispatches for `url`, up to the end marker. */
function eventSourceEvents(url: string): Promise<Judged[]> {
  return new Promise((resolve, reject) => {
    const source = new EventSource(url)
    const seen: Judged[] = []
    for (const type of JUDGED_TYPES) {
      source.addEventListener(type, (event) => {
        const message = event as unknown as { type: string; data: string; lastEventId: string }
        if (type === 'end-marker') {
          source.close()
          resolve(seen)
          return
        }
        seen.push({ event: message.type, data: message.data, id: message.lastEventId })
      })
    }
    source.onerror = () => {
      source.close()
      reject(new Error(`EventSource failed on ${url}`))
    }
  })
}

describe('sse-parse against a real EventSource (undici’s)', () => {
  it('dispatches the same events for every stream, split at every byte', async () => {
    const upstream = await startUpstream((request, response) => {
      const index = Number(request.url!.slice(1))
      response.writeHead(200, { 'Content-Type': 'text/event-stream' })
      response.end(JUDGED_STREAMS[index] + END_MARKER)
    })
    for (const [index, text] of JUDGED_STREAMS.entries()) {
      const judged = await eventSourceEvents(upstream.url(`/${index}`))
      const stream = new TextEncoder().encode(text + END_MARKER)
      for (let at = 0; at <= stream.length; at++) {
        const parser = new SseParser()
        const events = [...parser.push(stream.subarray(0, at)), ...parser.push(stream.subarray(at)), ...parser.end()]
        const parsed = events
          .filter((e) => e.event !== 'end-marker')
          .map(({ event, data, id }) => ({ event, data, id }))
        expect(parsed, `stream ${index} split at byte ${at}`).toEqual(judged)
      }
    }
  })
})
