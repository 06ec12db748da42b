#!/usr/bin/env node
// A 1 GB response through a real `courier serve`: sent (streamed to the body store) and downloaded
// (streamed out of /api/responses/:id/body), while the server's resident memory is sampled.
// Prints throughput and the server's peak RSS; the Vitest twin (routes/large-body.test.ts) does
// the same with 192 MB in CI. Needs the built server. Usage: node bench/large-body.mjs [MB, default 1024]
// With `--postgres <url>` the server runs on that PostgreSQL (in a schema of its own, dropped
// after), so the body goes to sealed chunk rows in the database as in team mode; the Vitest twin is
// routes/large-body-postgres.test.ts.
import { createHash, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { requireFromProxy, startCourier } from './support.mjs'

const { request } = requireFromProxy('undici')
const MB = 1024 * 1024
const args = process.argv.slice(2)
const at = args.indexOf('--postgres')
const postgres = at >= 0 ? args.splice(at, 2)[1] : undefined
if (at >= 0 && !postgres) throw new Error('--postgres needs a URL: postgres://user:password@host:5432/database')
const size = Number(args[0] ?? 1024) * MB
const chunk = Buffer.from(Array.from({ length: MB }, (_, i) => (i * 131 + (i >> 10)) & 0xff))

const target = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': size })
  let sent = 0
  const pump = () => {
    while (sent < size) {
      const piece = chunk.subarray(0, Math.min(MB, size - sent))
      sent += piece.length
      if (!res.write(piece)) return void res.once('drain', pump)
    }
    res.end()
  }
  pump()
})
await new Promise((resolve) => target.listen(0, '127.0.0.1', resolve))

/** A schema of its own on the PostgreSQL at `url`, and the URL whose connections use it. */
async function ownSchema(url) {
  const pg = requireFromProxy('pg')
  const name = `courier_bench_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`CREATE SCHEMA ${name}`)
  await admin.end()
  const drop = async () => {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    await client.query(`DROP SCHEMA ${name} CASCADE`)
    await client.end()
  }
  return { url: `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${name}`)}`, drop }
}
const schema = postgres ? await ownSchema(postgres) : undefined
const courier = await startCourier(schema ? { DATABASE_URL: schema.url } : {})
// The server's own CPU time (user + system), in seconds: on a shared machine wall time also counts
// waiting for a core, CPU time only what Courier itself spent. The main thread's share is what
// receiving costs; the rest is libuv's pool (file writes) and the sealing thread.
const ticks = (stat) =>
  readFileSync(stat, 'utf8')
    .split(') ')[1]
    .split(' ')
    .slice(11, 13)
    .reduce((sum, ticks) => sum + Number(ticks), 0) / 100
const cpu = () => ticks(`/proc/${courier.pid}/stat`)
const mainCpu = () => ticks(`/proc/${courier.pid}/task/${courier.pid}/stat`)
const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${courier.pid}/status`, 'utf8'))?.[1] ?? 0) * 1024
const baseline = rss()
let peak = baseline
const sampler = setInterval(() => (peak = Math.max(peak, rss())), 20)

try {
  let started = performance.now()
  let cpuStarted = cpu()
  let mainStarted = mainCpu()
  const sent = await request(`${courier.url}/api/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...courier.headers },
    body: JSON.stringify({
      request: {
        method: 'GET',
        url: `http://127.0.0.1:${target.address().port}/big.bin`,
        settings: { maxResponseBytes: size + MB, timeoutMs: 300_000 },
      },
    }),
  })
  const record = await sent.body.json()
  if (record.error || record.sizes.body !== size) throw new Error(`send failed: ${JSON.stringify(record.error)}`)
  const sendMs = performance.now() - started
  const sendCpu = cpu() - cpuStarted
  const sendMain = mainCpu() - mainStarted
  const peakAfterSend = peak

  started = performance.now()
  cpuStarted = cpu()
  mainStarted = mainCpu()
  const download = await request(`${courier.url}${record.body.url}?download=1`, { headers: courier.headers })
  const hash = createHash('sha256')
  let bytes = 0
  for await (const piece of download.body) {
    hash.update(piece)
    bytes += piece.length
  }
  const downloadMs = performance.now() - started
  const downloadCpu = cpu() - cpuStarted
  const downloadMain = mainCpu() - mainStarted
  const expected = createHash('sha256')
  for (let done = 0; done < size; done += MB) expected.update(chunk.subarray(0, Math.min(MB, size - done)))
  const exact = bytes === size && hash.digest('hex') === expected.digest('hex')

  const mb = (value) => `${(value / MB).toFixed(0)} MB`
  console.log(
    `body ${mb(size)}${schema ? ' in PostgreSQL' : ''}: send ${(sendMs / 1000).toFixed(1)} s (${mb(size / (sendMs / 1000))}/s), download ${(downloadMs / 1000).toFixed(1)} s (${mb(size / (downloadMs / 1000))}/s), byte-exact: ${exact}`,
  )
  console.log(
    `server CPU: send ${sendCpu.toFixed(1)} s (main thread ${sendMain.toFixed(1)} s), download ${downloadCpu.toFixed(1)} s (main thread ${downloadMain.toFixed(1)} s) (load average ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]})`,
  )
  console.log(
    `server RSS: ${mb(baseline)} at rest, peak ${mb(peakAfterSend)} while sending, peak ${mb(peak)} overall (+${mb(peak - baseline)})`,
  )
} finally {
  clearInterval(sampler)
  await courier.stop()
  target.close()
  await schema?.drop()
}
