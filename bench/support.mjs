// Shared by the benchmarks: start a real `courier serve`, a local target, and find the tools
// (Playwright lives in e2e/, undici in apps/proxy/; pnpm does not hoist them to the root).
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
export const requireFromE2e = createRequire(join(root, 'e2e', 'package.json'))
export const requireFromProxy = createRequire(join(root, 'apps', 'proxy', 'package.json'))

export async function freePort() {
  const server = createServer()
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** The built server (`node apps/proxy/build.mjs` first), on its own port and data folder; `env` adds to its environment. */
export async function startCourier(env = {}) {
  const port = await freePort()
  const dataDir = mkdtempSync(join(tmpdir(), 'courier-bench-'))
  const child = spawn(process.execPath, [join(root, 'apps/proxy/bin/courier.mjs'), 'serve', '--port', String(port)], {
    env: { ...process.env, COURIER_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`courier serve did not start:\n${output}`)), 30_000)
    child.stdout.on('data', (chunk) => {
      output += chunk
      if (output.includes('Open http://')) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.stderr.on('data', (chunk) => (output += chunk))
    child.once('exit', (code) => reject(new Error(`courier serve exited with ${code}:\n${output}`)))
  })
  const url = `http://127.0.0.1:${port}`
  // Sign in as a person does: the printed one-time link sets the session cookie, and the page
  // served to that session carries its CSRF token.
  const loginUrl = /Open (http:\/\/\S+)/.exec(output)?.[1]
  if (!loginUrl) throw new Error(`No sign-in link in the output:\n${output}`)
  const login = await fetch(loginUrl, { redirect: 'manual' })
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]
  if (!cookie) throw new Error(`The sign-in link set no cookie (${login.status})`)
  const html = await (await fetch(`${url}/`, { headers: { cookie } })).text()
  const token = /<meta name="courier-token" content="([^"]+)"/.exec(html)?.[1]
  if (!token) throw new Error('No token in the signed-in page')
  return {
    url,
    loginUrl,
    token,
    cookie,
    /** A new one-time sign-in link (`courier open`), for another browser context. */
    async freshLoginUrl() {
      const { execFileSync } = await import('node:child_process')
      const printed = execFileSync(process.execPath, [join(root, 'apps/proxy/bin/courier.mjs'), 'open'], {
        env: { ...process.env, COURIER_DATA_DIR: dataDir },
      }).toString()
      const link = /(http:\/\/\S+)/.exec(printed)?.[1]
      if (!link) throw new Error(`courier open printed no link:\n${printed}`)
      return link
    },
    /** Headers an API call from Courier's own page carries. */
    headers: { cookie, 'x-courier-token': token },
    pid: child.pid,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** A JSON array of small records, about `bytes` long (the same shape the e2e target serves). */
export function largeJson(bytes) {
  const parts = []
  let size = 2
  for (let i = 0; size < bytes - 200; i++) {
    const item = JSON.stringify({
      id: i,
      name: `item ${i}`,
      active: i % 3 === 0,
      tags: ['alpha', 'beta'],
      owner: { login: `user${i % 97}`, score: i * 7 },
    })
    parts.push(item)
    size += item.length + 1
  }
  return Buffer.from(`[${parts.join(',')}]`)
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}
