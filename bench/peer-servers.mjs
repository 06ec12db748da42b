#!/usr/bin/env node
// Courier's peers for proxy-peers.mjs and memory-soak.mjs, each in a child process of its own so its
// CPU time and RSS are its own: `node bench/peer-servers.mjs upstream|forwarder|cors-anywhere [UPSTREAM]`
// prints `{"port":N}` once listening. The upstream serves text/plain bodies: /1kb, /1mb, /10mb.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const here = fileURLToPath(import.meta.url)
const requireHere = createRequire(here)
const ticksPerSecond = 100 // getconf CLK_TCK on Linux

/** Starts one peer; answers its url, pid, CPU and RSS readers, and stop(). */
export async function startPeer(kind, upstreamUrl = '') {
  const child = spawn(process.execPath, [here, kind, upstreamUrl], { stdio: ['ignore', 'pipe', 'inherit'] })
  const port = await new Promise((resolve, reject) => {
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
      const line = /\{"port":(\d+)\}/.exec(output)
      if (line) resolve(Number(line[1]))
    })
    child.once('exit', (code) => reject(new Error(`${kind} exited with ${code} before listening`)))
  })
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    },
  }
}

/** User + system CPU milliseconds the process has used so far (Linux /proc). */
export function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond
}

/** Resident set size in MB (Linux /proc). */
export function rssMb(pid) {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1])
  return kb / 1024
}

async function serve(kind, upstreamUrl) {
  if (kind === 'upstream') {
    const bodies = { '/1kb': 1000, '/1mb': 1000 * 1000, '/10mb': 10 * 1000 * 1000 }
    for (const [path, size] of Object.entries(bodies)) bodies[path] = Buffer.alloc(size, 'a')
    const server = createServer((req, res) => {
      const body = bodies[req.url] ?? bodies['/1kb']
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': body.length }).end(body)
    })
    server.keepAliveTimeout = 60_000
    return listen(server)
  }
  if (kind === 'forwarder') {
    const fastify = requireHere('fastify')({ logger: false })
    await fastify.register(requireHere('@fastify/http-proxy'), { upstream: upstreamUrl })
    await fastify.listen({ port: 0, host: '127.0.0.1' })
    return fastify.server.address().port
  }
  if (kind === 'cors-anywhere') {
    const server = requireHere('cors-anywhere').createServer({
      originWhitelist: [],
      requireHeader: [],
      removeHeaders: [],
    })
    return listen(server)
  }
  throw new Error(`Unknown peer "${kind}": use upstream, forwarder or cors-anywhere.`)
}

function listen(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)))
}

if (process.argv[1] === here) {
  const port = await serve(process.argv[2], process.argv[3])
  process.stdout.write(`${JSON.stringify({ port })}\n`)
  process.once('SIGTERM', () => process.exit(0))
}
