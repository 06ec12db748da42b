import { graphqlPayload } from '../../graphql-payload.js'
import { websocketUrlOf, type RealtimeSpec } from '../../realtime-spec.js'
import type { RequestSpec } from '../../request-spec.js'
import type { GeneratedCode } from '../curl/export-curl.js'
import { shellQuote } from '../curl/shell-words.js'
import { specToHar } from '../har/spec-to-har.js'
import type { CodeTargetId } from './code-targets.js'
import { pyStr, pyValue } from './python-literal.js'

type Realtime = RequestSpec & { realtime: RealtimeSpec }
type Code = GeneratedCode & { language: string }

/** Header lines the WebSocket handshake writes itself: never copied into code. */
const HANDSHAKE_HEADERS = new Set([
  'connection',
  'upgrade',
  'sec-websocket-key',
  'sec-websocket-version',
  'sec-websocket-extensions',
  'sec-websocket-protocol',
  'host',
  'content-length',
])

const js = (value: unknown) => JSON.stringify(value)

/** The URL and handshake headers (auth applied, as for HTTP), and the message a session would send first. */
function handshake(spec: Realtime) {
  const { request, notes } = specToHar({ ...spec, body: { kind: 'none' } })
  const headers = request.headers
    .filter(({ name }) => !HANDSHAKE_HEADERS.has(name.toLowerCase()))
    .map(({ name, value }): [string, string] => [name, value])
  const first = spec.realtime.messages[0]
  return { url: request.url, headers, notes, first }
}

function websocketCode(spec: Realtime, id: CodeTargetId): Code {
  const { url, headers, notes, first } = handshake(spec)
  const protocols = spec.realtime.subprotocols
  const message = first && first.format !== 'binary' ? first.data : undefined
  if (first?.format === 'binary') notes.push(`The saved message “${first.name}” is binary; the code sends none.`)
  if (id === 'javascript-fetch') {
    if (headers.length)
      notes.push(
        `A browser’s WebSocket cannot set headers; ${headers.map(([n]) => n).join(', ')} ${headers.length === 1 ? 'is' : 'are'} left out (pass a token in the URL or the first message).`,
      )
    return {
      language: 'javascript',
      notes,
      code: [
        `const socket = new WebSocket(${js(url)}${protocols.length ? `, ${js(protocols)}` : ''})`,
        ...(message === undefined ? [] : [`socket.addEventListener('open', () => socket.send(${js(message)}))`]),
        `socket.addEventListener('message', (event) => console.log(event.data))`,
        `socket.addEventListener('close', (event) => console.log('closed', event.code, event.reason))`,
      ].join('\n'),
    }
  }
  if (id === 'python-requests' || id === 'python-httpx') {
    notes.push('requests and httpx do not speak WebSocket: this uses websocket-client (pip install websocket-client).')
    return {
      language: 'python',
      notes,
      code: [
        'import websocket',
        '',
        'ws = websocket.create_connection(',
        `    ${pyStr(url)},`,
        ...(headers.length
          ? [
              `    header=${pyValue(
                headers.map(([n, v]) => `${n}: ${v}`),
                4,
              )},`,
            ]
          : []),
        ...(protocols.length ? [`    subprotocols=${pyValue(protocols, 4)},`] : []),
        ')',
        ...(message === undefined ? [] : [`ws.send(${pyStr(message)})`]),
        'print(ws.recv())',
        'ws.close()',
      ].join('\n'),
    }
  }
  if (id === 'curl') {
    // curl 7.86+ may be built with ws:// support, most are not: the handshake by hand works with any curl.
    notes.push(
      'curl cannot send WebSocket messages: this performs the handshake and prints the 101 answer and what the server sends.',
    )
    const lines = [
      'curl --silent --include --no-buffer',
      ...[
        ['Connection', 'Upgrade'],
        ['Upgrade', 'websocket'],
        ['Sec-WebSocket-Version', '13'],
        ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='],
        ...(protocols.length ? [['Sec-WebSocket-Protocol', protocols.join(', ')]] : []),
        ...headers,
      ].map(([n, v]) => `-H ${shellQuote(`${n}: ${v}`)}`),
      shellQuote(url.replace(/^ws(s?):\/\//i, 'http$1://')),
    ]
    return { language: 'shell', notes, code: lines.join(' \\\n  ') }
  }
  if (id !== 'node-axios')
    notes.push('Courier writes WebSocket code for JavaScript, Node.js, Python and cURL; this is Node.js.')
  return {
    language: 'javascript',
    notes,
    code: [
      `const WebSocket = require('ws') // npm install ws`,
      '',
      `const socket = new WebSocket(${js(url)}, ${js(protocols)}, {`,
      `  headers: ${JSON.stringify(Object.fromEntries(headers), null, 2).replace(/\n/g, '\n  ')},`,
      '})',
      ...(message === undefined ? [] : [`socket.on('open', () => socket.send(${js(message)}))`]),
      `socket.on('message', (data) => console.log(data.toString()))`,
      `socket.on('close', (code, reason) => console.log('closed', code, reason.toString()))`,
    ].join('\n'),
  }
}

function socketioCode(spec: Realtime, id: CodeTargetId): Code {
  const { url, headers, notes, first } = handshake(spec)
  const { socketioPath, namespace, listen } = spec.realtime
  const origin = url.replace(/^ws(s?):\/\//i, 'http$1://')
  const target = namespace && namespace !== '/' ? `${origin.replace(/\/$/, '')}${namespace}` : origin
  let args: unknown[] = []
  if (first) {
    try {
      const parsed: unknown = JSON.parse(first.data)
      args = Array.isArray(parsed) ? parsed : [parsed]
    } catch {
      args = [first.data]
    }
  }
  const events = listen.length ? listen : null
  if (id === 'python-requests' || id === 'python-httpx') {
    notes.push('This uses python-socketio (pip install "python-socketio[client]").')
    return {
      language: 'python',
      notes,
      code: [
        'import socketio',
        '',
        'sio = socketio.Client()',
        '',
        ...(events
          ? events.flatMap((e) => [
              `@sio.on(${pyStr(e)})`,
              `def on_${e.replace(/\W/g, '_')}(*args):`,
              `    print(${pyStr(e)}, args)`,
              '',
            ])
          : ['@sio.on("*")', 'def on_any(event, *args):', '    print(event, args)', '']),
        `sio.connect(${pyStr(target)}, socketio_path=${pyStr(socketioPath)}${headers.length ? `, headers=${pyValue(Object.fromEntries(headers), 0)}` : ''})`,
        ...(first?.event ? [`sio.emit(${pyStr(first.event)}, ${pyValue(args.length === 1 ? args[0] : args)})`] : []),
        'sio.wait()',
      ].join('\n'),
    }
  }
  if (id !== 'node-axios') notes.push('Courier writes Socket.IO code for Node.js and Python; this is Node.js.')
  return {
    language: 'javascript',
    notes,
    code: [
      `const { io } = require('socket.io-client') // npm install socket.io-client`,
      '',
      `const socket = io(${js(target)}, {`,
      `  path: ${js(socketioPath)},`,
      `  extraHeaders: ${JSON.stringify(Object.fromEntries(headers), null, 2).replace(/\n/g, '\n  ')},`,
      '})',
      ...(events
        ? events.map((e) => `socket.on(${js(e)}, (...args) => console.log(${js(e)}, ...args))`)
        : [`socket.onAny((event, ...args) => console.log(event, ...args))`]),
      ...(first?.event
        ? [
            first.ack
              ? `socket.emit(${[js(first.event), ...args.map((a) => js(a))].join(', ')}, (...ack) => console.log('ack', ...ack))`
              : `socket.emit(${[js(first.event), ...args.map((a) => js(a))].join(', ')})`,
          ]
        : []),
    ].join('\n'),
  }
}

function subscriptionCode(spec: Realtime, id: CodeTargetId): Code {
  const http = handshake(spec)
  const url = spec.realtime.subscriptionUrl || websocketUrlOf(http.url)
  const notes = [...http.notes]
  const payload = spec.body.kind === 'graphql' ? graphqlPayload(spec.body).payload : { query: '' }
  if (spec.realtime.graphqlProtocol === 'graphql-ws')
    notes.push(
      'The server speaks the legacy subscriptions-transport-ws protocol; graphql-ws’s client speaks the newer one.',
    )
  if (id !== 'node-axios')
    notes.push('Courier writes GraphQL subscription code for Node.js (graphql-ws); this is Node.js.')
  return {
    language: 'javascript',
    notes,
    code: [
      `const { createClient } = require('graphql-ws') // npm install graphql-ws ws`,
      `const WebSocket = require('ws')`,
      '',
      `class Socket extends WebSocket {`,
      `  constructor(address, protocols) {`,
      `    super(address, protocols, { headers: ${js(Object.fromEntries(http.headers))} })`,
      `  }`,
      `}`,
      `const client = createClient({ url: ${js(url)}, webSocketImpl: Socket })`,
      `client.subscribe(${JSON.stringify(payload, null, 2)}, {`,
      `  next: (result) => console.log(JSON.stringify(result)),`,
      `  error: (error) => console.error(error),`,
      `  complete: () => client.dispose(),`,
      `})`,
    ].join('\n'),
  }
}

/** Copy as code for a WebSocket, Socket.IO or subscription request; null for HTTP (and SSE, which is HTTP). */
export function generateRealtimeCode(spec: RequestSpec, id: CodeTargetId): Code | null {
  const realtime = spec.realtime
  if (!realtime || realtime.kind === 'sse') return null
  const withRealtime = { ...spec, realtime }
  if (realtime.kind === 'websocket') return websocketCode(withRealtime, id)
  if (realtime.kind === 'socketio') return socketioCode(withRealtime, id)
  return subscriptionCode(withRealtime, id)
}
