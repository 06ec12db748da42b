#!/usr/bin/env node
// Issue 15's side-by-side table: a bare Fastify + @fastify/http-proxy forwarder, cors-anywhere and
// Courier, each in its own process, in one run, interleaved rounds, against one local upstream
// (its own process too) serving 1 KB, 1 MB and 10 MB text/plain bodies.
// Courier's request is POST /api/send {request:{method,url}}; when the record's body is not inline
// (above 256 KB) the stored body is fetched as well, so every peer delivers the bytes to the client.
// Needs the built server: `(cd apps/proxy && node build.mjs)`.
// Usage: node bench/proxy-peers.mjs [--rounds 3] [--seconds 3] [--samples 200]
import { parseArgs } from 'node:util'
import { cpuMs, startPeer } from './peer-servers.mjs'
import { median, percentile, startCourier } from './support.mjs'
import { createRequire } from 'node:module'

const { Pool } = createRequire(import.meta.url)('undici')
const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '3' },
    samples: { type: 'string', default: '200' },
  },
})
const rounds = Number(args.rounds)
const seconds = Number(args.seconds)
const samples = Number(args.samples)
const sizes = { '1 KB': '/1kb', '1 MB': '/1mb', '10 MB': '/10mb' }

const upstream = await startPeer('upstream')
const forwarder = await startPeer('forwarder', upstream.url)
const cors = await startPeer('cors-anywhere')
const courier = await startCourier()

/** One peer: how to ask it for a path's body, through a keep-alive pool of `connections`. */
function client(name, origin, pid, connections, ask) {
  const pool = new Pool(origin, { connections, keepAliveTimeout: 60_000 })
  return { name, pid, pool, fetch: (path) => ask(pool, path) }
}
async function drain(pool, options) {
  const response = await pool.request(options)
  let bytes = 0
  for await (const chunk of response.body) bytes += chunk.length
  if (response.statusCode !== 200) throw new Error(`${options.path}: HTTP ${response.statusCode}`)
  return bytes
}
const getting = (prefix) => (pool, path) => drain(pool, { method: 'GET', path: prefix + path })
async function viaCourier(pool, path) {
  const response = await pool.request({
    method: 'POST',
    path: '/api/send',
    headers: { 'content-type': 'application/json', ...courier.headers },
    body: JSON.stringify({ request: { method: 'GET', url: upstream.url + path } }),
  })
  const record = await response.body.json()
  if (record.error || !record.body)
    throw new Error(`Courier: ${record.error?.message ?? JSON.stringify(record).slice(0, 200)}`)
  if (record.body.inline !== null) return record.body.inline.length
  return drain(pool, { method: 'GET', path: record.body.url, headers: courier.headers })
}
function peers(connections) {
  return [
    client('direct', upstream.url, upstream.pid, connections, getting('')),
    client('forwarder', forwarder.url, forwarder.pid, connections, getting('')),
    client('cors-anywhere', cors.url, cors.pid, connections, getting(`/${upstream.url}`)),
    client('Courier', courier.url, courier.pid, connections, viaCourier),
  ]
}
const rotate = (list, by) => list.map((_, i) => list[(i + by) % list.length])

/** 10 workers for `seconds`; requests/s, MB/s and the peer's CPU ms per request. */
async function load(peer, path) {
  const cpuBefore = cpuMs(peer.pid)
  const started = performance.now()
  const until = started + seconds * 1000
  let done = 0
  let bytes = 0
  const worker = async () => {
    while (performance.now() < until) {
      bytes += await peer.fetch(path)
      done++
    }
  }
  await Promise.all(Array.from({ length: 10 }, worker))
  const elapsed = (performance.now() - started) / 1000
  return { rps: done / elapsed, mbps: bytes / 1e6 / elapsed, cpuPerRequest: (cpuMs(peer.pid) - cpuBefore) / done }
}

const latency = Object.fromEntries(peers(1).map((p) => [p.name, []]))
const throughput = {} // `${size} ${name}` → [{rps, mbps, cpuPerRequest}]
try {
  const single = peers(1)
  for (const peer of single) for (let i = 0; i < 20; i++) await peer.fetch(sizes['1 KB']) // warm up
  for (let round = 0; round < rounds; round++) {
    // Latency: one request to each in turn, order rotated, so drift hits all alike.
    for (let i = 0; i < samples; i++) {
      for (const peer of rotate(single, i % single.length)) {
        const t = performance.now()
        await peer.fetch(sizes['1 KB'])
        latency[peer.name].push(performance.now() - t)
      }
    }
    const ten = peers(10).slice(1)
    for (const [size, path] of Object.entries(sizes)) {
      for (const peer of rotate(ten, round % ten.length)) {
        ;(throughput[`${size} ${peer.name}`] ??= []).push(await load(peer, path))
      }
    }
    await Promise.all(ten.map((p) => p.pool.close()))
    process.stderr.write(`round ${round + 1}/${rounds} done\n`)
  }
  await Promise.all(single.map((p) => p.pool.close()))
} finally {
  await courier.stop()
  await Promise.all([forwarder, cors, upstream].map((p) => p.stop()))
}

const names = ['forwarder', 'cors-anywhere', 'Courier']
const added = (name, p) => percentile(latency[name], p) - percentile(latency.direct, p)
const tp = (size, name, key) => median(throughput[`${size} ${name}`].map((r) => r[key]))
const fmt = (n, digits = 2) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
const rows = [
  ['1 KB, 1 connection, latency added over keep-alive direct, p50', (n) => `${fmt(added(n, 50))} ms`],
  ['1 KB, 1 connection, latency added, p95', (n) => `${fmt(added(n, 95))} ms`],
  ['1 KB, 10 connections, requests/s', (n) => fmt(tp('1 KB', n, 'rps'), 0)],
  ['server CPU per 1 KB request, 10 connections', (n) => `${fmt(tp('1 KB', n, 'cpuPerRequest'))} ms`],
  ['1 MB, 10 connections, requests/s', (n) => fmt(tp('1 MB', n, 'rps'), 0)],
  ['server CPU per 1 MB request, 10 connections', (n) => `${fmt(tp('1 MB', n, 'cpuPerRequest'))} ms`],
  ['10 MB, 10 connections, MB/s', (n) => fmt(tp('10 MB', n, 'mbps'), 0)],
]
console.log(
  `\n${rounds} rounds × ${samples} latency samples each, ${seconds} s per load; direct 1 KB p50 ${fmt(percentile(latency.direct, 50))} ms, p95 ${fmt(percentile(latency.direct, 95))} ms\n`,
)
console.log(`| work | ${names.join(' | ')} |\n|---|---:|---:|---:|`)
for (const [label, cell] of rows) console.log(`| ${label} | ${names.map(cell).join(' | ')} |`)
const ratio = (value, goal) => `${fmt(value)}× (goal ${goal})`
console.log(`\nCourier's added p50 ÷ forwarder's: ${ratio(added('Courier', 50) / added('forwarder', 50), '≤ 1.5×')}`)
console.log(
  `Courier 1 KB rps ÷ cors-anywhere's: ${ratio(tp('1 KB', 'Courier', 'rps') / tp('1 KB', 'cors-anywhere', 'rps'), '≥ 3×')}`,
)
console.log(
  `Courier 1 MB rps ÷ forwarder's: ${ratio(tp('1 MB', 'Courier', 'rps') / tp('1 MB', 'forwarder', 'rps'), '≥ 1×')}`,
)
console.log(
  `Courier 10 MB MB/s ÷ forwarder's: ${ratio(tp('10 MB', 'Courier', 'mbps') / tp('10 MB', 'forwarder', 'mbps'), '≥ 1×')}`,
)
console.log('Courier rows include fetching the stored body when it is not inline (1 MB, 10 MB).')
