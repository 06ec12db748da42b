import { execFile, spawnSync } from 'node:child_process'
import { promisify } from 'node:util'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { buildTestApp, type TestApp } from '../test/build-test-app.js'
import { startUpstream, type ReceivedRequest, type Upstream } from '../test/upstream.js'

// Debian's python3-requests (/usr/bin/python3; the pyenv python3 on PATH has no Debian modules).
const PYTHON = '/usr/bin/python3'
// Async: the local upstream runs in this process and must keep answering while the code runs.
const run = promisify(execFile)
const hasRequests = spawnSync(PYTHON, ['-c', 'import requests'], { stdio: 'ignore' }).status === 0
const hasCurl = spawnSync('curl', ['--version'], { stdio: 'ignore' }).status === 0
if (!hasRequests)
  console.warn(
    `Skipping the Python requests execution test: ${PYTHON} has no “requests” module (apt-get install python3-requests).`,
  )
if (!hasCurl) console.warn('Skipping the cURL execution test: no curl binary on PATH.')

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex')

type Part = { name: string; filename: string | null; contentType: string | null; body: string }

/** The parts of a multipart body as the server received them (boundaries differ between clients). */
function parts(request: ReceivedRequest): Part[] {
  const type = request.headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? ''
  const boundary = /boundary=("?)([^";]+)\1/.exec(type)?.[2]
  if (!boundary) throw new Error(`not multipart: ${type}`)
  const text = request.body.toString('latin1')
  return text
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((chunk) => {
      const body = chunk.replace(/^\r\n/, '').replace(/\r\n$/, '')
      const split = body.indexOf('\r\n\r\n')
      const head = body.slice(0, split)
      const disposition = /content-disposition:([^\r\n]*)/i.exec(head)?.[1] ?? ''
      return {
        name: /\bname="([^"]*)"/.exec(disposition)?.[1] ?? '',
        filename: /filename="([^"]*)"/.exec(disposition)?.[1] ?? null,
        contentType: /content-type:\s*([^\r\n]*)/i.exec(head)?.[1]?.trim() ?? null,
        body: Buffer.from(body.slice(split + 4), 'latin1').toString('hex'),
      }
    })
}

/** What must be the same whoever sent it: method, path, query pairs, the headers that matter, the parts. */
function essence(request: ReceivedRequest) {
  const url = new URL(request.url, 'http://x')
  const header = (name: string) => request.headers.find(([n]) => n.toLowerCase() === name)?.[1] ?? null
  return {
    method: request.method,
    path: url.pathname,
    query: [...url.searchParams],
    authorization: header('authorization'),
    trace: header('x-trace'),
    cookie: header('cookie'),
    mediaType: header('content-type')?.split(';')[0],
    parts: parts(request),
  }
}

async function setup(): Promise<{ app: TestApp; upstream: Upstream; input: Record<string, unknown>; dir: string }> {
  const app = await buildTestApp()
  const upstream = await startUpstream((_request, response) => response.end('ok'))
  const upload = await app.api({
    method: 'POST',
    url: '/api/files',
    headers: { 'content-type': 'multipart/form-data; boundary=B' },
    payload: Buffer.concat([
      Buffer.from(
        '--B\r\nContent-Disposition: form-data; name="file"; filename="cat.png"\r\nContent-Type: image/png\r\n\r\n',
      ),
      PNG,
      Buffer.from('\r\n--B--\r\n'),
    ]),
  })
  expect(upload.statusCode).toBe(201)
  const env = await app.api({
    method: 'POST',
    url: '/api/environments',
    payload: {
      name: 'Local',
      variables: [
        { name: 'base', value: upstream.url(''), enabled: true, secret: false },
        { name: 'pw', value: 's3cret!pw', enabled: true, secret: true },
      ],
    },
  })
  const input = {
    environmentId: env.json().id,
    request: {
      method: 'POST',
      url: '{{base}}/upload/:kind?a=1&b=two%20words&a=3',
      params: [
        ['a', '1', true],
        ['b', 'two words', true],
        ['a', '3', true],
      ],
      pathParams: [['kind', 'reports']],
      headers: [
        ['X-Trace', 'abc-123', true],
        ['X-Off', 'not sent', false],
      ],
      cookies: 'session=xyz',
      body: {
        kind: 'multipart',
        parts: [
          { kind: 'text', name: 'title', value: 'Quarterly “report”', enabled: true, headers: [] },
          {
            kind: 'text',
            name: 'report',
            value: 'some,data\nmore,rows',
            filename: 'report.csv',
            contentType: 'text/csv',
            enabled: true,
            headers: [],
          },
          { kind: 'file', name: 'photo', file: upload.json(), enabled: true, headers: [] },
          { kind: 'text', name: 'skipped', value: 'no', enabled: false, headers: [] },
        ],
      },
      auth: { type: 'basic', username: 'alice', password: '{{pw}}' },
    },
  }
  const dir = mkdtempSync(join(tmpdir(), 'courier-code-'))
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }))
  writeFileSync(join(dir, 'cat.png'), PNG)
  return { app, upstream, input, dir }
}

async function code(
  app: TestApp,
  input: Record<string, unknown>,
  target: string,
  revealSecrets = true,
): Promise<string> {
  const response = await app.api({
    method: 'POST',
    url: '/api/codegen',
    payload: { ...input, target, resolveVariables: true, revealSecrets },
  })
  expect(response.statusCode).toBe(200)
  return response.json().code
}

describe('generated code sends what Courier sends (multipart + auth + params)', () => {
  it.skipIf(!hasRequests)('Python requests, run by Debian’s python3-requests', async () => {
    const { app, upstream, input, dir } = await setup()
    const sent = await app.api({ method: 'POST', url: '/api/send', payload: input })
    expect(sent.json().status).toBe(200)
    const python = await code(app, input, 'python-requests')
    expect(python).toContain('params = [')
    expect(python).toContain('files = {')
    expect(python).toContain('auth=("alice", "s3cret!pw")')
    writeFileSync(join(dir, 'request.py'), python)
    const { stdout: output } = await run(PYTHON, ['request.py'], { cwd: dir, encoding: 'utf8', timeout: 20_000 })
    expect(output.trim()).toBe('200\nok')
    expect(upstream.received).toHaveLength(2)
    const [courier, generated] = upstream.received.map(essence)
    expect(courier!.parts.map((p) => p.name)).toEqual(['title', 'report', 'photo'])
    expect(generated).toEqual(courier)
  })

  it.skipIf(!hasCurl)('cURL, run by the curl binary', async () => {
    const { app, upstream, input, dir } = await setup()
    await app.api({ method: 'POST', url: '/api/send', payload: input })
    const curl = await code(app, input, 'curl')
    const { stdout: output } = await run('bash', ['-c', `${curl} -sS`], { cwd: dir, encoding: 'utf8', timeout: 20_000 })
    expect(output).toBe('ok')
    const [courier, generated] = upstream.received.map(essence)
    expect(generated).toEqual(courier)
    // Byte-exact where no boundary is involved: the query string as Courier wrote it.
    expect(upstream.received[1]!.url).toBe(upstream.received[0]!.url)
  })

  it('masks secrets unless revealed, and keeps {{variables}} when asked', async () => {
    const { app, input } = await setup()
    for (const target of ['python-requests', 'curl', 'javascript-fetch', 'go', 'powershell']) {
      const masked = await code(app, input, target, false)
      expect(masked, target).not.toContain('s3cret!pw')
      expect(masked, target).not.toContain(Buffer.from('alice:s3cret!pw').toString('base64'))
    }
    const python = await code(app, input, 'python-requests', false)
    // A secret variable reads as itself, never as bullets (issue 12 item 8).
    expect(python).toContain('auth=("alice", "{{pw}}")')
    expect(python).not.toContain('••••••')
    // A typed credential becomes a placeholder named for its field; the scheme stays.
    const typed = async (auth: Record<string, unknown>, headers: unknown[] = []) =>
      code(app, { ...input, request: { ...(input.request as Record<string, unknown>), auth, headers } }, 'curl', false)
    const bearer = await typed({ type: 'bearer', token: 'eyJtyped.jwt.sig', prefix: 'Bearer' })
    expect(bearer).toContain('Authorization: Bearer {{token}}')
    expect(bearer).not.toContain('eyJtyped')
    const key = await typed({ type: 'apikey', name: 'X-Key', value: 'typed-key-1', in: 'header' })
    expect(key).toContain('X-Key: {{apiKey}}')
    const basic = await typed({ type: 'basic', username: 'bob', password: 'typed-pw-2' })
    expect(basic).toContain('bob:{{password}}')
    const header = await typed({ type: 'none' }, [['Authorization', 'Token typed-3', true]])
    expect(header).toContain('Authorization: Token {{Authorization}}')
    for (const text of [bearer, key, basic, header]) expect(text).not.toContain('••••••')
    const placeholders = await app.api({
      method: 'POST',
      url: '/api/codegen',
      payload: { ...input, target: 'python-requests', resolveVariables: false },
    })
    expect(placeholders.json().code).toContain('url = "{{base}}/upload/reports"')
    expect(placeholders.json().code).toContain('"{{pw}}"')
  })
})
