#!/usr/bin/env node
// Prints the latency Courier adds over calling the same local target directly with undici, for a
// 1 KB and a 10 MB body, side by side in one run. The direct side opens a fresh connection per
// request; Courier keeps its upstream connections alive and reuses them per origin (its default; a
// reused connection's record names the send that opened it). Settings › Fresh connection turns
// that off, for a fresh connection per send as before.
// "via Courier" is POST /api/send (target answered, body stored, history written, record returned);
// "+ body" adds reading the stored body back from /api/responses/:id/body, as the viewer does.
// Needs the built server: `(cd apps/proxy && node build.mjs)`. Usage: node bench/proxy-overhead.mjs
import { createServer } from 'node:http'
import { median, percentile, requireFromProxy, startCourier } from './support.mjs'

const { Agent, request } = requireFromProxy('undici')

const bodies = { '1 KB': Buffer.alloc(1000, 'a'), '10 MB': Buffer.alloc(10 * 1000 * 1000, 'b') }
const runs = { '1 KB': 200, '10 MB': 20 }
const target = createServer((req, res) => {
  const body = req.url === '/10mb' ? bodies['10 MB'] : bodies['1 KB']
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length }).end(body)
})
await new Promise((resolve) => target.listen(0, '127.0.0.1', resolve))
const targetUrl = (size) => `http://127.0.0.1:${target.address().port}/${size === '10 MB' ? '10mb' : '1kb'}`

const courier = await startCourier()
// The page keeps its connection to Courier alive; each direct call is a new connection.
const toCourier = new Agent({ connections: 1 })

async function direct(url) {
  const started = performance.now()
  const fresh = new Agent({ pipelining: 0 })
  const response = await request(url, { dispatcher: fresh })
  for await (const _ of response.body);
  await fresh.close()
  return performance.now() - started
}

async function viaCourier(url, withBody, dispatcher = toCourier) {
  const started = performance.now()
  const response = await request(`${courier.url}/api/send`, {
    method: 'POST',
    dispatcher,
    headers: { 'content-type': 'application/json', ...courier.headers },
    body: JSON.stringify({ request: { method: 'GET', url } }),
  })
  const record = await response.body.json()
  if (record.error) throw new Error(record.error.message)
  const sendMs = performance.now() - started
  if (!withBody) return sendMs
  const body = await request(`${courier.url}${record.body.url}`, { dispatcher: toCourier, headers: courier.headers })
  for await (const _ of body.body);
  return performance.now() - started
}

/** `total` 1 KB sends through Courier by `connections` senders at once, each on its own kept-alive connection. */
async function sendsPerSecond(url, connections, total) {
  const agent = new Agent({ connections })
  let started = 0
  const sender = async () => {
    while (started++ < total) await viaCourier(url, false, agent)
  }
  const began = performance.now()
  try {
    await Promise.all(Array.from({ length: connections }, sender))
  } finally {
    await agent.close()
  }
  return { connections, total, perSecond: (total * 1000) / (performance.now() - began) }
}

const results = []
let throughput
try {
  for (const size of Object.keys(bodies)) {
    const url = targetUrl(size)
    for (let i = 0; i < 5; i++) await Promise.all([direct(url), viaCourier(url, true)].map((p) => p.catch(() => {}))) // warm up JIT and caches
    const samples = { direct: [], send: [], sendAndBody: [] }
    // Interleaved, so drift (GC, other load) hits all three alike.
    for (let i = 0; i < runs[size]; i++) {
      samples.direct.push(await direct(url))
      samples.send.push(await viaCourier(url, false))
      samples.sendAndBody.push(await viaCourier(url, true))
    }
    results.push({ size, runs: runs[size], ...samples })
  }
  throughput = await sendsPerSecond(targetUrl('1 KB'), 10, 1000)
} finally {
  await toCourier.close()
  await courier.stop()
  target.close()
}

const ms = (value) => `${value.toFixed(2)} ms`.padStart(10)
console.log(
  'body    runs   direct p50   via Courier p50   +body p50   added p50 (send / +body)   direct p95   via p95   +body p95',
)
for (const { size, runs: n, direct: d, send: s, sendAndBody: b } of results) {
  const added = `${(median(s) - median(d)).toFixed(2)} / ${(median(b) - median(d)).toFixed(2)} ms`
  console.log(
    `${size.padEnd(6)} ${String(n).padStart(5)} ${ms(median(d))}   ${ms(median(s))}      ${ms(median(b))}   ${added.padStart(24)}   ${ms(percentile(d, 95))} ${ms(percentile(s, 95))} ${ms(percentile(b, 95))}`,
  )
}
console.log(
  `1 KB sends, ${throughput.connections} connections at once: ${throughput.perSecond.toFixed(0)} sends/s (${throughput.total} sends)`,
)
