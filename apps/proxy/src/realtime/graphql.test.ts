import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { useServer } from 'graphql-ws/use/ws'
import { SubscriptionServer } from 'subscriptions-transport-ws'
import { describe, expect, it, onTestFinished, vi } from 'vitest'
import { WebSocketServer } from 'ws'
import { connectPage, startCourier } from '../test/realtime-kit.js'

type Context = { auth?: string; params?: unknown }

// The servers (graphql-ws, subscriptions-transport-ws) load graphql's CommonJS build under Node; the
// schema must come from that same module, not the ES build Vite would pick for this file.
const { execute, GraphQLInt, GraphQLObjectType, GraphQLSchema, GraphQLString, subscribe } = createRequire(
  import.meta.url,
)('graphql') as typeof import('graphql')

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { hello: { type: GraphQLString, resolve: () => 'world' } } }),
  subscription: new GraphQLObjectType({
    name: 'Subscription',
    fields: {
      count: {
        type: GraphQLInt,
        args: { to: { type: GraphQLInt } },
        subscribe: async function* (_root: unknown, { to }: { to: number }) {
          for (let i = 1; i <= to; i++) yield { count: i }
        },
      },
      echo: {
        type: GraphQLString,
        args: { topic: { type: GraphQLString }, userId: { type: GraphQLString } },
        subscribe: async function* (_root: unknown, args: { topic: string; userId: string }) {
          yield { echo: `${args.topic}/${args.userId}` }
        },
      },
      params: {
        type: GraphQLString,
        subscribe: async function* (_root: unknown, _args: unknown, context: Context) {
          yield { params: JSON.stringify(context.params ?? null) }
        },
      },
      whoami: {
        type: GraphQLString,
        subscribe: async function* (_root: unknown, _args: unknown, context: Context) {
          yield { whoami: context.auth ?? 'nobody' }
        },
      },
    },
  }),
})

async function listen(server: ReturnType<typeof createServer>): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`
}

/** graphql-js served with graphql-ws's useServer (protocol graphql-transport-ws). */
async function startGraphqlWs(): Promise<string> {
  const http = createServer()
  const wss = new WebSocketServer({ server: http, path: '/graphql' })
  const server = useServer<Record<string, unknown>, { request: IncomingMessage }>(
    {
      schema,
      context: (ctx) => ({ auth: ctx.extra.request.headers.authorization, params: ctx.connectionParams }),
    },
    wss,
  )
  onTestFinished(async () => {
    await server.dispose()
  })
  return listen(http)
}

/** graphql-js served with subscriptions-transport-ws's SubscriptionServer (legacy protocol graphql-ws). */
async function startLegacy(): Promise<string> {
  const http = createServer()
  const server = SubscriptionServer.create(
    {
      schema,
      execute,
      subscribe,
      onConnect: (params: unknown, _socket: unknown, context: { request: IncomingMessage }) => ({
        auth: context.request.headers.authorization,
        params,
      }),
    },
    { server: http, path: '/graphql' },
  )
  onTestFinished(() => server.close())
  return listen(http)
}

const openSubscription = (
  sessionId: string,
  url: string,
  graphqlProtocol: 'graphql-transport-ws' | 'graphql-ws',
  query: string,
  variables = '',
) => ({
  type: 'open' as const,
  sessionId,
  input: {
    request: {
      method: 'POST',
      url,
      auth: { type: 'bearer', token: 'gql-token-9' },
      body: { kind: 'graphql', query, variables },
      realtime: { kind: 'graphql', graphqlProtocol },
    },
  },
})

describe.each([
  ['graphql-transport-ws', startGraphqlWs],
  ['graphql-ws', startLegacy],
] as const)('GraphQL subscriptions over %s', (protocol, start) => {
  it('streams each result as an event frame and closes when the server completes', async () => {
    const courier = await startCourier()
    const url = await start()
    const page = await connectPage(courier)
    page.send(openSubscription('count', url, protocol, 'subscription Count($to: Int) { count(to: $to) }', '{"to": 3}'))
    const opened = await page.next('opened')
    expect(opened.handshake).toMatchObject({ status: 101, protocol, url: url.replace('http:', 'ws:') })
    const closed = await page.next('closed', (m) => m.sessionId === 'count')
    expect(closed.code).toBe(1000)
    const events = page.frames('count').filter((f) => f.type === 'event' && f.dir === 'in')
    expect(events.map((f) => JSON.parse(f.data))).toEqual([1, 2, 3].map((count) => ({ data: { count } })))
    expect(page.frames('count').find((f) => f.dir === 'out')?.data).toContain('subscription Count')
    expect(closed.historyId).toBeTruthy()
  })

  it('sends the auth header on the handshake, and shows GraphQL errors as error frames', async () => {
    const courier = await startCourier()
    const url = await start()
    const page = await connectPage(courier)
    page.send(openSubscription('who', url, protocol, 'subscription { whoami }'))
    await page.next('closed', (m) => m.sessionId === 'who')
    const event = page.frames('who').find((f) => f.type === 'event' && f.dir === 'in')!
    expect(JSON.parse(event.data)).toEqual({ data: { whoami: 'Bearer gql-token-9' } })

    page.send(openSubscription('bad', url, protocol, 'subscription { nope }'))
    await expect
      .poll(() => page.frames('bad').find((f) => f.type === 'error')?.data ?? '')
      .toContain('Cannot query field')
  })

  it('resolves {{variables}} in the query and the variables; a secret one shows as {{name}} in the operation frame', async () => {
    const courier = await startCourier()
    const url = await start()
    const env = await courier.call('POST', '/api/environments', {
      name: 'Dev',
      variables: [
        { name: 'topic', value: 'news' },
        { name: 'userId', value: 'user-secret-4417', secret: true },
      ],
    })
    const page = await connectPage(courier)
    const open = openSubscription(
      'vars',
      url,
      protocol,
      'subscription Echo($userId: String) { echo(topic: "{{topic}}", userId: $userId) }',
      '{"userId": "{{userId}}"}',
    )
    page.send({ ...open, input: { ...open.input, environmentId: (env.json as { id: string }).id } })
    await page.next('closed', (m) => m.sessionId === 'vars')
    const event = page.frames('vars').find((f) => f.type === 'event' && f.dir === 'in')!
    expect(JSON.parse(event.data)).toEqual({ data: { echo: 'news/user-secret-4417' } })
    const sent = page.frames('vars').find((f) => f.dir === 'out')!
    expect(sent.data).toContain('echo(topic: \\"news\\"')
    expect(sent.data).toContain('{{userId}}')
    expect(JSON.stringify(page.frames('vars').filter((f) => f.dir !== 'in'))).not.toContain('user-secret-4417')
  })

  it('puts the Authorization header into connection_init', async () => {
    const courier = await startCourier()
    const url = await start()
    const page = await connectPage(courier)
    page.send(openSubscription('params', url, protocol, 'subscription { params }'))
    await page.next('closed', (m) => m.sessionId === 'params')
    const event = page.frames('params').find((f) => f.type === 'event' && f.dir === 'in')!
    const params = JSON.parse((JSON.parse(event.data) as { data: { params: string } }).data.params) as unknown
    expect(params).toEqual({ Authorization: 'Bearer gql-token-9', headers: { Authorization: 'Bearer gql-token-9' } })
  })

  it('closes promptly when the page closes while the server never answers connection_init', async () => {
    // A server that accepts the upgrade, then never answers anything (not even a close frame).
    const http = createServer()
    const received: Buffer[] = []
    http.on('upgrade', (request: IncomingMessage, socket: import('node:stream').Duplex) => {
      const accept = createHash('sha1')
        .update(`${request.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
        .digest('base64')
      socket.write(
        `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\nSec-WebSocket-Protocol: ${protocol}\r\n\r\n`,
      )
      socket.on('data', (chunk: Buffer) => received.push(chunk))
      socket.on('error', () => {})
      onTestFinished(() => void socket.destroy())
    })
    const url = await listen(http)
    const courier = await startCourier()
    const page = await connectPage(courier)
    page.send(openSubscription('mute', url, protocol, 'subscription { whoami }'))
    await page.next('opened', (m) => m.sessionId === 'mute')
    // connection_init (masked, so only its arrival is seen).
    await vi.waitFor(() => expect(received.length).toBeGreaterThan(0))
    const started = Date.now()
    page.send({ type: 'close', sessionId: 'mute' })
    await page.next('closed', (m) => m.sessionId === 'mute')
    // Not the 30 s close handshake timeout, nor never.
    expect(Date.now() - started).toBeLessThan(5000)
  })
})

describe('GraphQL subscription input', () => {
  it('refuses a request without a GraphQL body before connecting', async () => {
    const courier = await startCourier()
    const page = await connectPage(courier)
    page.send({
      type: 'open',
      sessionId: 'empty',
      input: { request: { method: 'POST', url: 'http://127.0.0.1:9/graphql', realtime: { kind: 'graphql' } } },
    })
    const error = await page.next('error', (m) => m.sessionId === 'empty')
    expect(error.error.code).toBe('REALTIME_MESSAGE_INVALID')
    expect(error.error.message).toMatch(/Body tab/)
  })

  it('connects to realtime.subscriptionUrl when it is set, with its variables resolved', async () => {
    const courier = await startCourier()
    const url = await startGraphqlWs()
    const env = await courier.call('POST', '/api/environments', {
      name: 'Dev',
      variables: [{ name: 'ws', value: url.replace('http:', 'ws:') }],
    })
    const page = await connectPage(courier)
    page.send({
      type: 'open',
      sessionId: 'sub-url',
      input: {
        environmentId: (env.json as { id: string }).id,
        request: {
          method: 'POST',
          url: 'http://127.0.0.1:9/queries-go-here',
          body: { kind: 'graphql', query: 'subscription { count(to: 1) }' },
          realtime: { kind: 'graphql', subscriptionUrl: '{{ws}}' },
        },
      },
    })
    expect((await page.next('opened')).handshake.url).toBe(url.replace('http:', 'ws:'))
    await page.next('closed')
    expect(page.frames('sub-url').filter((f) => f.type === 'event' && f.dir === 'in')).toHaveLength(1)
  })
})
