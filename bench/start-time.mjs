#!/usr/bin/env node
// Issue 15's start figures: start to first answer and RSS at rest of `courier serve`, fresh and
// with a data folder holding 50,000 history entries, beside the bare Fastify + @fastify/http-proxy
// forwarder (peer-servers.mjs), in one run, rounds interleaved (order rotated).
// Start to first answer: from spawn until the first HTTP answer from the URL the process printed
// (Courier's signed-out page, the forwarder's proxied upstream answer). RSS is read from /proc one
// second after that answer and again once every process of the round has been idle `--idle`
// seconds (V8 gives memory back only after a few idle seconds). The full folder is filled once
// (fill-history.ts: one real send, then copies through the store, a sealed body file each).
// Needs the built server: `(cd apps/proxy && node build.mjs)`. `--courier PATH` (repeatable)
// compares builds, e.g. an older one built to another folder.
// Usage: node bench/start-time.mjs [--rounds 5] [--entries 50000] [--idle 15] [--courier [LABEL=]apps/proxy/dist/courier.mjs]...
import { execFileSync, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { setTimeout as wait } from 'node:timers/promises'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { rssMb, startPeer } from './peer-servers.mjs'
import { median, requireFromProxy } from './support.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    entries: { type: 'string', default: '50000' },
    idle: { type: 'string', default: '15' },
    courier: { type: 'string', multiple: true },
  },
})
const rounds = Number(args.rounds)
const entries = Number(args.entries)
const idleSeconds = Number(args.idle)
if (!(rounds > 0) || !(entries > 0) || !(idleSeconds >= 0))
  throw new Error('--rounds and --entries must be positive numbers, --idle a number of seconds.')
// `--courier PATH` or `--courier LABEL=PATH`: the label names the build's columns.
const builds = (args.courier ?? [join(root, 'apps/proxy/dist/courier.mjs')]).map((arg) => {
  const [label, path] = arg.includes('=') ? arg.split('=', 2) : [relative(root, resolve(arg)), arg]
  return { label, bundle: resolve(path) }
})
const buildName = (build) => (builds.length > 1 ? ` (${build.label})` : '')

const scratch = mkdtempSync(join(tmpdir(), 'courier-bench-start-'))
const full = join(scratch, 'full')
process.stderr.write(`filling ${entries.toLocaleString('en-US')} history entries…\n`)
const fillStarted = performance.now()
execFileSync(
  process.execPath,
  [
    '--import',
    pathToFileURL(requireFromProxy.resolve('tsx')).href,
    join(root, 'bench/fill-history.ts'),
    full,
    String(entries),
  ],
  { stdio: ['ignore', 'ignore', 'inherit'] },
)
process.stderr.write(`filled in ${((performance.now() - fillStarted) / 1000).toFixed(1)} s\n`)

// A stand-in for the built web app (apps/web/dist), so the server serves an app as installed:
// the first answer is the signed-out page a browser without a session gets.
const webDist = join(scratch, 'web')
mkdirSync(webDist)
writeFileSync(
  join(webDist, 'index.html'),
  '<!doctype html><html><head><title>Courier</title></head><body></body></html>',
)

/** Spawns `courier serve` on a free port; resolves once its printed URL answered. */
async function startCourier(bundle, dataDir) {
  const started = performance.now()
  const child = spawn(process.execPath, [bundle, 'serve', '--port', '0', '--data-dir', dataDir], {
    env: { ...process.env, COURIER_WEB_DIST: webDist },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const url = await new Promise((resolve, reject) => {
    const collect = (chunk) => {
      output += chunk
      const match = /is running at (http:\/\/\S+)/.exec(output)
      if (match) resolve(match[1])
    }
    child.stdout.on('data', collect)
    child.stderr.on('data', (chunk) => (output += chunk))
    child.once('exit', (code) => reject(new Error(`courier serve exited with ${code}:\n${output}`)))
  })
  await (await fetch(url)).arrayBuffer()
  return {
    firstAnswerMs: performance.now() - started,
    pid: child.pid,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    },
  }
}

const upstream = await startPeer('upstream')
async function startForwarder() {
  const started = performance.now()
  const peer = await startPeer('forwarder', upstream.url)
  await (await fetch(`${peer.url}/1kb`)).arrayBuffer()
  return { firstAnswerMs: performance.now() - started, pid: peer.pid, stop: () => peer.stop() }
}

const candidates = [
  { name: 'forwarder', start: startForwarder },
  ...builds.flatMap((build) => [
    {
      name: `Courier, fresh${buildName(build)}`,
      start: async () => {
        const dataDir = mkdtempSync(join(scratch, 'fresh-'))
        return startCourier(build.bundle, dataDir)
      },
    },
    {
      name: `Courier, ${entries.toLocaleString('en-US')} entries${buildName(build)}`,
      start: () => startCourier(build.bundle, full),
    },
  ]),
]
const results = Object.fromEntries(
  candidates.map((c) => [c.name, { start: [], rssStarted: [], rssRest: [], failures: [] }]),
)
const loadBefore = loadavg()
try {
  for (let round = 0; round < rounds; round++) {
    const order = candidates.map((_, i) => candidates[(i + round) % candidates.length])
    const running = []
    try {
      for (const candidate of order) {
        let process_
        try {
          process_ = await candidate.start()
        } catch (error) {
          // A start that fails is a figure too (the old pre-listen sweep could outlast Fastify's plugin timeout).
          results[candidate.name].failures.push(String(error.message).split('\n').slice(0, 2).join(' '))
          continue
        }
        running.push({ candidate, process_ })
        results[candidate.name].start.push(process_.firstAnswerMs)
        await wait(1000)
        results[candidate.name].rssStarted.push(rssMb(process_.pid))
      }
      await wait(idleSeconds * 1000) // the idle time is what is measured
      for (const { candidate, process_ } of running) results[candidate.name].rssRest.push(rssMb(process_.pid))
    } finally {
      for (const { process_ } of running) await process_.stop()
    }
    process.stderr.write(`round ${round + 1}/${rounds} done\n`)
  }
} finally {
  await upstream.stop()
  rmSync(scratch, { recursive: true, force: true })
}
const loadAfter = loadavg()

const names = candidates.map((c) => c.name)
const fmt = (n, digits) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
const spread = (values, unit, digits, scale = 1) =>
  values.length === 0
    ? '—'
    : `${fmt(median(values) * scale, digits)} ${unit} (${fmt(Math.min(...values) * scale, digits)}–${fmt(Math.max(...values) * scale, digits)})`
console.log(
  `\n${rounds} rounds, order rotated; load average ${loadBefore.map((n) => n.toFixed(1)).join(' ')} before, ${loadAfter.map((n) => n.toFixed(1)).join(' ')} after; median (min–max)\n`,
)
console.log(`| | ${names.join(' | ')} |\n|---|${names.map(() => '---:').join('|')}|`)
const rows = [
  ['start to first answer', (r) => spread(r.start, 's', 2, 1 / 1000)],
  ['RSS 1 s after the first answer', (r) => spread(r.rssStarted, 'MB', 0)],
  [`RSS at rest (${idleSeconds} s idle)`, (r) => spread(r.rssRest, 'MB', 0)],
]
for (const [label, cell] of rows) console.log(`| ${label} | ${names.map((n) => cell(results[n])).join(' | ')} |`)
console.log(`| failed to start | ${names.map((n) => `${results[n].failures.length} of ${rounds}`).join(' | ')} |`)
for (const name of names)
  for (const failure of new Set(results[name].failures)) console.log(`\n${name} failed to start: ${failure}`)
const forwarder = results.forwarder
console.log('')
for (const name of names.slice(1)) {
  const r = results[name]
  if (r.start.length === 0) continue
  console.log(
    `${name}: start ${fmt(median(r.start) / median(forwarder.start), 2)}× the forwarder's (goal ≤ 0.6 s: ${median(r.start) <= 600 ? 'met' : 'not met'}), RSS at rest ${fmt(median(r.rssRest) / median(forwarder.rssRest), 2)}× (goal ≤ 100 MB: ${median(r.rssRest) <= 100 ? 'met' : 'not met'})`,
  )
}
