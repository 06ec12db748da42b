import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { GraphQLInt, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql'
import { useServer } from 'graphql-ws/use/ws'
import { Server as SocketIoServer } from 'socket.io'
import { WebSocketServer } from 'ws'

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
}

/** A `ws` echo server: text back as text, binary back as binary; `close-me` closes with 4000, `flood:N` sends N frames. */
export class WsEchoServer {
  private server = createServer()
  private wss = new WebSocketServer({ server: this.server, handleProtocols: (protocols) => [...protocols][0] ?? false })
  port = 0
  /** Paths of the connections that ended, in order. */
  readonly closed: string[] = []

  url(path = '/echo'): string {
    return `ws://127.0.0.1:${this.port}${path}`
  }

  async start(): Promise<void> {
    this.wss.on('connection', (socket, request) => {
      socket.on('close', () => this.closed.push(request.url ?? ''))
      socket.send('welcome')
      socket.on('message', (data, isBinary) => {
        const text = isBinary ? '' : data.toString()
        if (text === 'close-me') socket.close(4000, 'asked to')
        else if (text.startsWith('flood:')) for (let n = 1; n <= Number(text.slice(6)); n++) socket.send(`frame ${n}`)
        else socket.send(data, { binary: isBinary })
      })
    })
    this.port = await listen(this.server)
  }

  async stop(): Promise<void> {
    for (const client of this.wss.clients) client.terminate()
    this.wss.close()
    await close(this.server)
  }
}

/** A Socket.IO server: `echo` acknowledges with its arguments; `shout` answers with a `news` event. */
export class SocketIoTarget {
  private server = createServer()
  private io = new SocketIoServer(this.server)
  port = 0

  url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  async start(): Promise<void> {
    this.io.on('connection', (socket) => {
      socket.emit('news', { hello: 'courier' })
      socket.on('echo', (...args: unknown[]) => {
        const ack = args.at(-1)
        if (typeof ack === 'function') (ack as (...a: unknown[]) => void)(...args.slice(0, -1))
      })
      socket.on('shout', (text: string) => socket.emit('news', { shouted: String(text).toUpperCase() }))
    })
    this.port = await listen(this.server)
  }

  async stop(): Promise<void> {
    await this.io.close()
    await close(this.server).catch(() => {})
  }
}

/** An event stream: `count` events (id, event `tick`, JSON data), one every `everyMs`, then it stays open. */
export class SseTarget {
  private server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://sse')
    const count = Number(url.searchParams.get('count') ?? 5)
    const everyMs = Number(url.searchParams.get('every') ?? 50)
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
    response.write(': hello\n\n')
    let sent = 0
    const timer = setInterval(() => {
      sent++
      response.write(`id: ${sent}\nevent: tick\ndata: {"n":${sent}}\n\n`)
      if (sent >= count) clearInterval(timer)
    }, everyMs)
    request.on('close', () => clearInterval(timer))
  })
  port = 0

  url(path = '/events'): string {
    return `http://127.0.0.1:${this.port}${path}`
  }

  async start(): Promise<void> {
    this.port = await listen(this.server)
  }

  async stop(): Promise<void> {
    await close(this.server)
  }
}

/** A GraphQL server over graphql-ws: `hello` as a query, `ticks(count)` as a subscription yielding 1…count. */
export class GraphqlWsTarget {
  private server = createServer()
  private wss = new WebSocketServer({ server: this.server, path: '/graphql' })
  port = 0

  url(): string {
    return `http://127.0.0.1:${this.port}/graphql`
  }

  async start(): Promise<void> {
    const schema = new GraphQLSchema({
      query: new GraphQLObjectType({
        name: 'Query',
        fields: { hello: { type: GraphQLString, resolve: () => 'world' } },
      }),
      subscription: new GraphQLObjectType({
        name: 'Subscription',
        fields: {
          ticks: {
            type: GraphQLInt,
            args: { count: { type: GraphQLInt } },
            subscribe: async function* (_source: unknown, args: { count?: number }) {
              for (let n = 1; n <= (args.count ?? 3); n++) yield { ticks: n }
            },
          },
        },
      }),
    })
    useServer({ schema }, this.wss)
    this.port = await listen(this.server)
  }

  async stop(): Promise<void> {
    for (const client of this.wss.clients) client.terminate()
    this.wss.close()
    await close(this.server)
  }
}
