#!/usr/bin/env node
// Frames per second (and MB/s of payload) of N small text frames from a local `ws` server to a
// `ws` client: connected directly to the server, and through a real `courier serve` (the page's
// socket on /api/realtime, one WebSocket session to the same server, frames batched per
// event-loop turn and kept in history). Rounds interleave the two, order rotated; medians printed.
// Needs the built server (node apps/proxy/build.mjs); no web build: a stand-in page is served.
// `--client browser` runs both clients in Chromium instead (a page on Courier's origin, signed in
// with its one-time link: the browser's own WebSocket, JSON-parsing each `frames` batch as the app does).
// Usage: node bench/realtime-frames.mjs [--frames 100000] [--size 64] [--rounds 3] [--client node|browser]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { median, requireFromE2e, requireFromProxy, startCourier } from './support.mjs'

const { WebSocket, WebSocketServer } = requireFromProxy('ws')
const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`)
  return at >= 0 ? Number(process.argv[at + 1]) : fallback
}
const FRAMES = arg('frames', 100_000)
const SIZE = arg('size', 64)
const ROUNDS = arg('rounds', 3)
const at = process.argv.indexOf('--client')
const CLIENT = at >= 0 ? process.argv[at + 1] : 'node'

// The upstream: `burst N` answers with N text frames of SIZE bytes.
const payload = 'x'.repeat(SIZE)
const upstream = new WebSocketServer({ host: '127.0.0.1', port: 0 })
upstream.on('connection', (socket) => {
  socket.on('message', (data) => {
    const [word, count] = data.toString().split(' ')
    if (word !== 'burst') return
    for (let i = 0; i < Number(count); i++) socket.send(payload)
  })
})
await new Promise((resolve) => upstream.once('listening', resolve))
const upstreamUrl = `ws://127.0.0.1:${upstream.address().port}/`

const webDist = mkdtempSync(join(tmpdir(), 'courier-bench-web-'))
writeFileSync(
  join(webDist, 'index.html'),
  '<!doctype html><html><head><title>Courier</title></head><body></body></html>',
)
const courier = await startCourier({ COURIER_WEB_DIST: webDist })
const settings = await (await fetch(`${courier.url}/api/settings`, { headers: courier.headers })).json()
await fetch(`${courier.url}/api/settings`, {
  method: 'PUT',
  headers: { ...courier.headers, 'content-type': 'application/json' },
  body: JSON.stringify({ ...settings, realtime: { ...settings.realtime, maxFrames: 1_000_000 } }),
})

const opened = (socket) =>
  new Promise((resolve, reject) => {
    socket.once('open', resolve)
    socket.once('error', reject)
  })

/** Milliseconds from asking for the burst to its last frame, straight from the server. */
async function direct() {
  const socket = new WebSocket(upstreamUrl)
  await opened(socket)
  let seen = 0
  const started = performance.now()
  const done = new Promise((resolve) => {
    socket.on('message', () => {
      if (++seen === FRAMES) resolve(performance.now() - started)
    })
  })
  socket.send(`burst ${FRAMES}`)
  const ms = await done
  socket.close()
  return ms
}

/** The same burst through Courier: one page socket, one session; counted from the `frames` batches. */
async function throughCourier() {
  const socket = new WebSocket(`${courier.url.replace('http', 'ws')}/api/realtime`, {
    headers: { origin: courier.url, cookie: courier.cookie },
  })
  await opened(socket)
  let seen = 0
  let batches = 0
  let started = 0
  let resolveDone
  const done = new Promise((resolve) => (resolveDone = resolve))
  let resolveClosed
  const closed = new Promise((resolve) => (resolveClosed = resolve))
  socket.on('message', (raw) => {
    const message = JSON.parse(raw.toString())
    if (message.type === 'ready')
      socket.send(
        JSON.stringify({
          type: 'open',
          sessionId: 'bench',
          input: { request: { method: 'GET', url: upstreamUrl, realtime: { kind: 'websocket' } } },
        }),
      )
    else if (message.type === 'opened') {
      started = performance.now()
      socket.send(JSON.stringify({ type: 'send', sessionId: 'bench', format: 'text', data: `burst ${FRAMES}` }))
    } else if (message.type === 'frames') {
      batches++
      for (const frame of message.frames)
        if (frame.dir === 'in' && frame.type === 'text' && ++seen === FRAMES) resolveDone(performance.now() - started)
    } else if (message.type === 'closed') resolveClosed(message)
    else if (message.type === 'error') throw new Error(JSON.stringify(message))
  })
  socket.send(JSON.stringify({ type: 'hello', token: courier.token }))
  const ms = await done
  socket.send(JSON.stringify({ type: 'close', sessionId: 'bench' }))
  await closed
  socket.close()
  return { ms, batches }
}

/** Both clients in a Chromium page on Courier's origin: the browser's WebSocket, as the app uses it. */
async function browserClients() {
  const { chromium } = requireFromE2e('@playwright/test')
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  })
  const page = await browser.newPage()
  await page.goto(await courier.freshLoginUrl())
  // The sign-in link lands on Courier's page; wait until it has, with its token in the page.
  await page.waitForSelector('meta[name="courier-token"]', { state: 'attached' })
  // Courier's page may connect only to its own origin (its CSP): the direct client is a blank page of its own.
  const blank = await browser.newPage()
  const run = (mode) =>
    (mode === 'direct' ? blank : page).evaluate(
      ({ mode, upstreamUrl, frames }) =>
        new Promise((resolve, reject) => {
          let seen = 0
          let batches = 0
          let started = 0
          if (mode === 'direct') {
            const socket = new WebSocket(upstreamUrl)
            socket.onopen = () => {
              started = performance.now()
              socket.send(`burst ${frames}`)
            }
            socket.onmessage = () => {
              if (++seen === frames) {
                resolve({ ms: performance.now() - started, batches: 0 })
                socket.close()
              }
            }
            socket.onerror = () => reject(new Error('direct socket failed'))
            return
          }
          const token = document.querySelector('meta[name="courier-token"]')?.getAttribute('content') ?? ''
          const socket = new WebSocket(`${location.origin.replace('http', 'ws')}/api/realtime`)
          let ms = 0
          socket.onopen = () => socket.send(JSON.stringify({ type: 'hello', token }))
          socket.onmessage = (event) => {
            const message = JSON.parse(event.data)
            if (message.type === 'ready')
              socket.send(
                JSON.stringify({
                  type: 'open',
                  sessionId: 'bench',
                  input: { request: { method: 'GET', url: upstreamUrl, realtime: { kind: 'websocket' } } },
                }),
              )
            else if (message.type === 'opened') {
              started = performance.now()
              socket.send(JSON.stringify({ type: 'send', sessionId: 'bench', format: 'text', data: `burst ${frames}` }))
            } else if (message.type === 'frames') {
              batches++
              for (const frame of message.frames)
                if (frame.dir === 'in' && frame.type === 'text' && ++seen === frames) {
                  ms = performance.now() - started
                  socket.send(JSON.stringify({ type: 'close', sessionId: 'bench' }))
                }
            } else if (message.type === 'closed') {
              socket.close()
              resolve({ ms, batches })
            } else if (message.type === 'error') reject(new Error(JSON.stringify(message)))
          }
        }),
      { mode, upstreamUrl, frames: FRAMES },
    )
  return {
    direct: async () => (await run('direct')).ms,
    throughCourier: () => run('courier'),
    close: () => browser.close(),
  }
}

const clients = CLIENT === 'browser' ? await browserClients() : { direct, throughCourier, close: async () => {} }
const results = { direct: [], courier: [], batches: [] }
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 === 0 ? ['direct', 'courier'] : ['courier', 'direct']
  for (const who of order) {
    if (who === 'direct') results.direct.push(await clients.direct())
    else {
      const { ms, batches } = await clients.throughCourier()
      results.courier.push(ms)
      results.batches.push(batches)
    }
  }
}
await clients.close()

const row = (label, ms) => {
  const perSecond = FRAMES / (ms / 1000)
  const mbPerSecond = (FRAMES * SIZE) / (1024 * 1024) / (ms / 1000)
  return `| ${label.padEnd(22)} | ${ms.toFixed(0).padStart(7)} ms | ${Math.round(perSecond).toLocaleString('en').padStart(11)} | ${mbPerSecond.toFixed(2).padStart(7)} |`
}
const d = median(results.direct)
const c = median(results.courier)
console.log(`${FRAMES} text frames of ${SIZE} B to a ${CLIENT} client, median of ${ROUNDS} rounds\n`)
console.log('| path                   |       time | frames / s |    MB/s |')
console.log('| ---------------------- | ---------: | ---------: | ------: |')
console.log(row('direct ws', d))
console.log(row('through Courier', c))
console.log(
  `\nCourier ÷ direct: ${(d / c).toFixed(2)} of the direct rate; ${Math.round(median(results.batches))} frames messages per burst (median)`,
)

await courier.stop()
upstream.close()
rmSync(webDist, { recursive: true, force: true })
