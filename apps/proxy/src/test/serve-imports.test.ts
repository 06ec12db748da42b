// `courier serve` as a real process (from the sources, through tsx) with a resolve hook that
// records every module it imports: starting and a first send load only what they need; the
// converters, QuickJS, the JWT, OpenID Connect, Argon2 and PostgreSQL libraries wait for first use.
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { TOKEN_HEADER } from '@courier/shared'
import { afterEach, describe, expect, it } from 'vitest'
import { csrfFor } from '../storage/sessions.js'
import { tempDataDir } from './temp-dir.js'
import { startUpstream } from './upstream.js'

const proxyRoot = resolve(import.meta.dirname, '../..')

/** What a first send does not need: each is imported where it is first used. */
const LATER = [
  // The contract's own schemas for import and export live under convert/ too; its index holds the converters.
  /packages\/shared\/src\/convert\/index\.ts$/,
  /packages\/scripts\//,
  /node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?(postman-collection|httpsnippet|yaml|@readme\/openapi-parser)\//,
  /node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?(jose|openid-client|@node-rs\/argon2|pg|ajv|jsonpath-rfc9535)\//,
  // @fastify/http-proxy is not here: capture mounts (capture/capture-plugin.ts) register their forwarder at start.
  /node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?(quickjs-emscripten-core|@jitl\/[^/]+)\//,
]

let child: ChildProcess | undefined
afterEach(async () => {
  if (!child || child.exitCode !== null) return
  const exited = new Promise((done) => child!.once('exit', done))
  child.kill('SIGTERM')
  await exited
})

/** Starts `courier serve` with the recorder; answers its URL and the printed one-time sign-in link. */
async function serve(dataDir: string, log: string): Promise<{ url: string; loginUrl: string }> {
  const hooks = `import { appendFileSync } from 'node:fs'
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context)
  appendFileSync(${JSON.stringify(log)}, result.url + '\\n')
  return result
}`
  const recorder = `import { register } from 'node:module'
register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)})`
  writeFileSync(log, '')
  child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--import',
      `data:text/javascript,${encodeURIComponent(recorder)}`,
      'src/cli.ts',
      'serve',
      '--port',
      '0',
      '--data-dir',
      dataDir,
    ],
    { cwd: proxyRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  return new Promise((done, fail) => {
    const collect = (chunk: Buffer) => {
      output += String(chunk)
      const match = /running at (http:\/\/\S+)\s+Open (http:\/\/\S+)/.exec(output)
      if (match) done({ url: match[1]!.replace(/\/$/, ''), loginUrl: match[2]! })
    }
    child!.stdout!.on('data', collect)
    child!.stderr!.on('data', (chunk: Buffer) => (output += String(chunk)))
    child!.once('exit', (code) => fail(new Error(`courier serve exited with ${code}:\n${output}`)))
  })
}

const loaded = (log: string) => readFileSync(log, 'utf8').split('\n').filter(Boolean)
const later = (urls: string[]) => urls.filter((url) => LATER.some((pattern) => pattern.test(url)))

describe('courier serve', () => {
  it('starts and answers a first send without loading what only later features need', { timeout: 90_000 }, async () => {
    const upstream = await startUpstream((_request, response) => response.end('{"ok":true}'))
    const log = join(tempDataDir(), 'imports.txt')
    const { url, loginUrl } = await serve(tempDataDir(), log)

    const login = await fetch(loginUrl, { redirect: 'manual' })
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!
    expect(cookie).toMatch(/=/)
    const headers = {
      cookie,
      [TOKEN_HEADER]: csrfFor(cookie.slice(cookie.indexOf('=') + 1)),
      'content-type': 'application/json',
    }
    const sent = await fetch(`${url}/api/send`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ request: { method: 'GET', url: upstream.url('/') } }),
    })
    expect(sent.status).toBe(200)
    expect(((await sent.json()) as { status: number }).status).toBe(200)

    const afterSend = loaded(log)
    // The recorder sees the server's imports (so an empty answer below means something)...
    expect(afterSend.some((u) => /node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?undici\//.test(u))).toBe(true)
    expect(afterSend.some((u) => /packages\/shared\/src\/index\.ts$/.test(u))).toBe(true)
    // ...and none of what waits for first use.
    expect(later(afterSend)).toEqual([])

    // First use loads it: pasting a cURL command needs the converters.
    const parsed = await fetch(`${url}/api/convert/curl`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ command: 'curl https://api.example.com/things' }),
    })
    expect(parsed.status).toBe(200)
    expect(later(loaded(log)).some((u) => /packages\/shared\/src\/convert\/index\.ts$/.test(u))).toBe(true)
  })
})
