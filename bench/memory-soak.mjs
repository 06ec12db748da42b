#!/usr/bin/env node
// Issue 15's memory figure: RSS of Courier and of a bare Fastify + @fastify/http-proxy forwarder
// at rest, every 5,000 sends of a 1 KB body (10 connections, keep-alive; the two take turns per
// 5,000), and after 30 s idle. Each server is its own process; RSS is read from /proc.
// Needs the built server: `(cd apps/proxy && node build.mjs)`.
// Usage: node bench/memory-soak.mjs [--sends 100000] [--idle 30]
import { createRequire } from 'node:module'
import { setTimeout as wait } from 'node:timers/promises'
import { parseArgs } from 'node:util'
import { rssMb, startPeer } from './peer-servers.mjs'
import { startCourier } from './support.mjs'

const { Pool } = createRequire(import.meta.url)('undici')
const { values: args } = parseArgs({
  options: { sends: { type: 'string', default: '100000' }, idle: { type: 'string', default: '30' } },
})
const sends = Number(args.sends)
const idleSeconds = Number(args.idle)
if (!(sends > 0) || !(idleSeconds >= 0))
  throw new Error('--sends must be a positive number and --idle a number of seconds.')
const step = 5000

const upstream = await startPeer('upstream')
const forwarder = await startPeer('forwarder', upstream.url)
const courier = await startCourier()
const target = `${upstream.url}/1kb`
const peers = [
  {
    name: 'Courier',
    pid: courier.pid,
    pool: new Pool(courier.url, { connections: 10 }),
    async send() {
      const response = await this.pool.request({
        method: 'POST',
        path: '/api/send',
        headers: { 'content-type': 'application/json', ...courier.headers },
        body: JSON.stringify({ request: { method: 'GET', url: target } }),
      })
      const record = await response.body.json()
      if (record.error || !record.body) throw new Error(`Courier: ${record.error?.message ?? response.statusCode}`)
    },
  },
  {
    name: 'forwarder',
    pid: forwarder.pid,
    pool: new Pool(forwarder.url, { connections: 10 }),
    async send() {
      const response = await this.pool.request({ method: 'GET', path: '/1kb' })
      await response.body.arrayBuffer()
      if (response.statusCode !== 200) throw new Error(`forwarder: HTTP ${response.statusCode}`)
    },
  },
]

const samples = [] // { at, Courier, forwarder }
const sample = (at) => samples.push({ at, ...Object.fromEntries(peers.map((p) => [p.name, rssMb(p.pid)])) })
async function sendMany(peer, count) {
  let left = count
  const worker = async () => {
    while (left-- > 0) await peer.send()
  }
  await Promise.all(Array.from({ length: 10 }, worker))
}

try {
  sample('rest')
  for (let done = 0; done < sends;) {
    const count = Math.min(step, sends - done)
    for (const peer of peers) await sendMany(peer, count)
    done += count
    sample(`${done.toLocaleString('en-US')} sends`)
    process.stderr.write(`${done}/${sends}\n`)
  }
  await wait(idleSeconds * 1000) // the idle period is what is measured
  sample(`after ${idleSeconds} s idle`)
} finally {
  await Promise.all(peers.map((p) => p.pool.close()))
  await courier.stop()
  await Promise.all([forwarder, upstream].map((p) => p.stop()))
}

const mb = (value) => `${value.toFixed(0)} MB`
console.log(`\n| RSS | Courier | forwarder |\n|---|---:|---:|`)
for (const row of samples) console.log(`| ${row.at} | ${mb(row.Courier)} | ${mb(row.forwarder)} |`)
const rest = samples[0]
const after = samples.at(-1)
for (const { name } of peers) {
  const grown = after[name] - rest[name]
  const verdict = grown <= 50 ? 'yes' : 'no'
  console.log(
    `${name}: after ≤ rest + 50 MB? ${verdict} (${mb(rest[name])} → ${mb(after[name])}, ${grown >= 0 ? '+' : ''}${mb(grown)})`,
  )
}
