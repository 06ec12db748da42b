import { spawn, spawnSync } from 'node:child_process'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { RequestSpecSchema, type RequestSpecInput } from '@courier/shared'
import { generateCode, type CodeTargetId } from '@courier/shared/convert'
// graphql's CommonJS build, the one graphql-ws loads under Node (vite would pick its .mjs: two realms).
import { buildSchema } from 'graphql/index.js'
import { useServer } from 'graphql-ws/use/ws'
import { Server as SocketIoServer } from 'socket.io'
import { describe, expect, it, onTestFinished, vi } from 'vitest'
import { WebSocketServer } from 'ws'

// Debian's python3-websocket and python3-socketio (/usr/bin/python3; the pyenv python3 on PATH has no Debian modules).
const PYTHON = '/usr/bin/python3'
const hasPython = spawnSync(PYTHON, ['-c', 'import websocket, socketio'], { stdio: 'ignore' }).status === 0
const hasCurl = spawnSync('curl', ['--version'], { stdio: 'ignore' }).status === 0
if (!hasPython)
  console.warn(
    `Skipping the Python WebSocket code: ${PYTHON} lacks websocket/socketio (python3-websocket, python3-socketio).`,
  )
// The generated Node code requires ws, socket.io-client and graphql-ws: this package's own.
const NODE_PATH = fileURLToPath(new URL('../../node_modules', import.meta.url))

/** Starts generated code; its output so far, stopped when the test ends. */
function start(command: string, args: string[]) {
  const child = spawn(command, args, { env: { ...process.env, NODE_PATH }, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const ended = new Promise<number | null>((resolve) => child.on('close', resolve))
  onTestFinished(() => void child.kill())
  return { output: () => output, ended }
}

/** Waits until `check` passes (it throws until then), saying what the code printed if it never does. */
function until(run: { output: () => string }, check: () => void) {
  return vi.waitFor(
    () => {
      try {
        check()
      } catch (error) {
        throw new Error(`${String(error)}; the code printed: ${run.output()}`, { cause: error })
      }
    },
    { timeout: 15_000, interval: 50 },
  )
}

async function listen(server: ReturnType<typeof createServer>): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return (server.address() as AddressInfo).port
}

/** A ws server that records each handshake's headers and the messages it got, and echoes them. */
async function websocketServer() {
  const server = createServer()
  const wss = new WebSocketServer({ server, handleProtocols: (protocols) => [...protocols][0] ?? false })
  const seen: { headers: IncomingMessage['headers']; url: string; messages: string[] }[] = []
  wss.on('connection', (socket, request) => {
    const entry = { headers: request.headers, url: request.url ?? '', messages: [] as string[] }
    seen.push(entry)
    socket.send('welcome')
    socket.on('message', (data) => {
      entry.messages.push(data.toString())
      socket.send(`echo:${data.toString()}`)
    })
  })
  onTestFinished(() => {
    for (const client of wss.clients) client.terminate()
  })
  return { port: await listen(server), seen }
}

const websocketSpec = (port: number): RequestSpecInput => ({
  method: 'GET',
  url: `ws://127.0.0.1:${port}/live?room=blue`,
  headers: [['X-Team', 'core', true]],
  auth: { type: 'bearer', token: 'tok-1' },
  realtime: { kind: 'websocket', subprotocols: ['chat.v1'], messages: [{ id: 'm1', name: 'hi', data: 'hello there' }] },
})

const code = (spec: RequestSpecInput, target: CodeTargetId) => generateCode(RequestSpecSchema.parse(spec), target)

describe('copy as code for a WebSocket request, run by its own client library', () => {
  it('Node.js (ws) sends the handshake headers, subprotocol and first message Courier would', async () => {
    const server = await websocketServer()
    const generated = code(websocketSpec(server.port), 'node-axios')
    const run = start(process.execPath, ['-e', generated.code])
    await until(run, () => expect(run.output()).toContain('echo:hello there'))
    expect(server.seen[0]).toMatchObject({
      url: '/live?room=blue',
      headers: { authorization: 'Bearer tok-1', 'x-team': 'core', 'sec-websocket-protocol': 'chat.v1' },
      messages: ['hello there'],
    })
  })

  it.skipIf(!hasPython)('Python (websocket-client) sends the same handshake and message', async () => {
    const server = await websocketServer()
    const generated = code(websocketSpec(server.port), 'python-requests')
    expect(generated.notes.join(' ')).toMatch(/websocket-client/)
    const run = start(PYTHON, ['-c', generated.code])
    // It prints the first message the server sends, then closes.
    expect(await run.ended).toBe(0)
    expect(run.output().trim()).toBe('welcome')
    expect(server.seen[0]).toMatchObject({
      url: '/live?room=blue',
      headers: { authorization: 'Bearer tok-1', 'x-team': 'core', 'sec-websocket-protocol': 'chat.v1' },
      messages: ['hello there'],
    })
  })

  it.skipIf(!hasCurl)('cURL completes the handshake with the same headers and prints the 101', async () => {
    const server = await websocketServer()
    const generated = code(websocketSpec(server.port), 'curl')
    const run = start('sh', ['-c', `exec ${generated.code}`])
    await until(run, () => expect(run.output()).toMatch(/^HTTP\/1\.1 101 Switching Protocols/))
    // The server's first frame (unmasked text "welcome") follows the handshake.
    await until(run, () => expect(run.output()).toContain('welcome'))
    expect(server.seen[0]).toMatchObject({
      url: '/live?room=blue',
      headers: { authorization: 'Bearer tok-1', 'x-team': 'core', 'sec-websocket-protocol': 'chat.v1' },
    })
  })

  it('a browser WebSocket says which headers it cannot set', () => {
    const generated = code(websocketSpec(1), 'javascript-fetch')
    expect(generated.code).toContain('new WebSocket("ws://127.0.0.1:1/live?room=blue", ["chat.v1"])')
    expect(generated.notes.join(' ')).toMatch(/cannot set headers; X-Team, Authorization are left out/)
  })
})

describe('copy as code for Socket.IO and GraphQL subscriptions', () => {
  it('Node.js socket.io-client emits the saved event with its arguments and headers', async () => {
    const server = createServer()
    const io = new SocketIoServer(server)
    const got: { auth: string | undefined; event: string; args: unknown[] }[] = []
    io.on('connection', (socket) => {
      socket.onAny((event: string, ...args: unknown[]) => {
        const ack = typeof args.at(-1) === 'function' ? (args.pop() as (v: string) => void) : undefined
        got.push({ auth: socket.handshake.headers.authorization, event, args })
        ack?.('stored')
      })
    })
    onTestFinished(() => void io.close())
    const port = await listen(server)
    const spec: RequestSpecInput = {
      method: 'GET',
      url: `http://127.0.0.1:${port}`,
      auth: { type: 'bearer', token: 'tok-2' },
      realtime: {
        kind: 'socketio',
        messages: [{ id: 'm', name: 'order', event: 'order:create', data: '[{"sku":"A1"},2]', ack: true }],
      },
    }
    const run = start(process.execPath, ['-e', code(spec, 'node-axios').code])
    await until(run, () => expect(run.output()).toContain('ack stored'))
    expect(got).toEqual([{ auth: 'Bearer tok-2', event: 'order:create', args: [{ sku: 'A1' }, 2] }])
  })

  it.skipIf(!hasPython)('Python python-socketio emits the saved event with its arguments', async () => {
    const server = createServer()
    const io = new SocketIoServer(server)
    const got: { auth: string | undefined; event: string; args: unknown[] }[] = []
    io.on('connection', (socket) => {
      socket.onAny((event: string, ...args: unknown[]) =>
        got.push({ auth: socket.handshake.headers.authorization, event, args }),
      )
    })
    onTestFinished(() => void io.close())
    const port = await listen(server)
    const spec: RequestSpecInput = {
      method: 'GET',
      url: `http://127.0.0.1:${port}`,
      auth: { type: 'bearer', token: 'tok-3' },
      realtime: { kind: 'socketio', messages: [{ id: 'm', name: 'ping', event: 'ping:me', data: '{"n":1}' }] },
    }
    const run = start(PYTHON, ['-c', code(spec, 'python-requests').code])
    await until(run, () => expect(got).toHaveLength(1))
    expect(got[0]).toEqual({ auth: 'Bearer tok-3', event: 'ping:me', args: [{ n: 1 }] })
  })

  it('Node.js graphql-ws subscribes with the query and variables and prints each result', async () => {
    const schema = buildSchema('type Query { ok: Boolean } type Subscription { ticks(upTo: Int!): Int }')
    const roots = {
      subscription: {
        ticks: async function* ({ upTo }: { upTo: number }) {
          for (let i = 1; i <= upTo; i++) yield { ticks: i }
        },
      },
    }
    const server = createServer()
    const wss = new WebSocketServer({ server, path: '/graphql' })
    const headers: IncomingMessage['headers'][] = []
    wss.on('connection', (_socket, request) => headers.push(request.headers))
    const disposable = useServer({ schema, roots }, wss)
    onTestFinished(() => disposable.dispose())
    const port = await listen(server)
    const spec: RequestSpecInput = {
      method: 'POST',
      url: `http://127.0.0.1:${port}/graphql`,
      headers: [['X-Client', 'courier', true]],
      body: { kind: 'graphql', query: 'subscription T($n: Int!) { ticks(upTo: $n) }', variables: '{"n":3}' },
      realtime: { kind: 'graphql' },
    }
    const run = start(process.execPath, ['-e', code(spec, 'node-axios').code])
    // complete → client.dispose(): the code ends by itself.
    expect(await run.ended).toBe(0)
    expect(run.output().trim().split('\n')).toEqual([
      '{"data":{"ticks":1}}',
      '{"data":{"ticks":2}}',
      '{"data":{"ticks":3}}',
    ])
    expect(headers[0]).toMatchObject({ 'x-client': 'courier', 'sec-websocket-protocol': 'graphql-transport-ws' })
  })
})
