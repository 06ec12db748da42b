import { Readable } from 'node:stream'
import type { RequestSpecInput } from '@courier/shared'
import { CookieJar } from 'tough-cookie'
import { describe, expect, it } from 'vitest'
import { newId } from '../ids.js'
import { tempDataDir } from '../test/temp-dir.js'
import { startUpstream, type Upstream } from '../test/upstream.js'
import { engineSend } from '../test/engine-send.js'
import { testBodyStore, testFileStore } from '../test/stores.js'
import { buildFileBody } from './file-body.js'
import type { SendContext } from './send-request.js'

function sender(extra: Partial<SendContext> = {}) {
  const dir = tempDataDir()
  const bodies = testBodyStore(dir)
  const files = testFileStore(dir)
  const send = (input: RequestSpecInput, more: Partial<SendContext> = {}) =>
    engineSend(input, { buildFileBody: (body) => buildFileBody(body, files), ...extra, ...more }, bodies)
  return { send, files }
}

function headerOf(upstream: Upstream, index: number, name: string): string | undefined {
  return upstream.received[index]?.headers.find(([n]) => n.toLowerCase() === name)?.[1]
}

describe('bodies', () => {
  it('sends a form as application/x-www-form-urlencoded, the way requests encodes it', async () => {
    const upstream = await startUpstream((_request, response) => response.end())
    const { send } = sender()
    await send({
      method: 'POST',
      url: upstream.url('/form'),
      body: {
        kind: 'form',
        fields: [
          ['name', 'Ada Lovelace', true],
          ['skip', 'x', false],
          ['math', '1+1=2 & more', true],
        ],
      },
    })
    expect(upstream.received[0]!.body.toString()).toBe('name=Ada+Lovelace&math=1%2B1%3D2+%26+more')
    expect(headerOf(upstream, 0, 'content-type')).toBe('application/x-www-form-urlencoded')
  })

  it('sends multipart text fields, a text sent as a file and an uploaded file, as the server parses them', async () => {
    const upstream = await startUpstream((_request, response) => response.end())
    const { send, files } = sender()
    const saved = await files.save(Readable.from([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 255])]))
    const record = await send({
      method: 'POST',
      url: upstream.url('/upload'),
      body: {
        kind: 'multipart',
        parts: [
          { kind: 'text', name: 'title', value: 'Quarterly' },
          { kind: 'text', name: 'report', value: 'some,data', filename: 'report.csv', contentType: 'text/csv' },
          {
            kind: 'file',
            name: 'logo',
            file: { fileId: saved.fileId, filename: 'logo.png', contentType: 'image/png' },
            headers: [['X-Checksum', 'abc']],
          },
          { kind: 'text', name: 'off', value: 'not sent', enabled: false },
        ],
      },
    })
    const received = upstream.received[0]!
    const type = headerOf(upstream, 0, 'content-type')!
    expect(type).toMatch(/^multipart\/form-data; boundary=/)
    expect(Number(headerOf(upstream, 0, 'content-length'))).toBe(received.body.length)
    // Parse with the platform's own multipart parser, not ours.
    const form = await new Response(received.body, { headers: { 'content-type': type } }).formData()
    expect(form.get('title')).toBe('Quarterly')
    const report = form.get('report') as File
    expect([report.name, report.type, await report.text()]).toEqual(['report.csv', 'text/csv', 'some,data'])
    const logo = form.get('logo') as File
    expect([logo.name, logo.type]).toEqual(['logo.png', 'image/png'])
    expect(Buffer.from(await logo.arrayBuffer())).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 255]))
    expect(form.has('off')).toBe(false)
    expect(received.body.toString('latin1')).toContain('X-Checksum: abc')
    expect(record.request.bodyPreview).toContain('<file logo.png, 6 bytes>')
  })

  it('sends a whole file as a binary body with its content type', async () => {
    const upstream = await startUpstream((_request, response) => response.end())
    const { send, files } = sender()
    const bytes = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 256))
    const saved = await files.save(Readable.from([bytes]))
    await send({
      method: 'PUT',
      url: upstream.url('/blob'),
      body: {
        kind: 'binary',
        file: { fileId: saved.fileId, filename: 'data.bin', contentType: 'application/octet-stream' },
        contentType: 'application/x-custom',
      },
    })
    expect(upstream.received[0]!.body.equals(bytes)).toBe(true)
    expect(headerOf(upstream, 0, 'content-type')).toBe('application/x-custom')
  })

  it('sends GraphQL as JSON with query and variables', async () => {
    const upstream = await startUpstream((_request, response) => response.end())
    const { send } = sender()
    await send({
      method: 'POST',
      url: upstream.url('/graphql'),
      body: { kind: 'graphql', query: 'query ($id: ID!) { user(id: $id) { name } }', variables: '{"id": "7"}' },
    })
    expect(JSON.parse(upstream.received[0]!.body.toString())).toEqual({
      query: 'query ($id: ID!) { user(id: $id) { name } }',
      variables: { id: '7' },
    })
  })

  it('refuses a body whose file is gone, naming the part, and sends nothing', async () => {
    const upstream = await startUpstream((_request, response) => response.end())
    const { send } = sender()
    await expect(
      send({
        method: 'POST',
        url: upstream.url('/'),
        body: {
          kind: 'multipart',
          parts: [
            { kind: 'file', name: 'f', file: { fileId: newId(), filename: 'gone.txt', contentType: 'text/plain' } },
          ],
        },
      }),
    ).rejects.toMatchObject({ code: 'FILE_NOT_FOUND', field: 'body.parts[0].file' })
    expect(upstream.received).toHaveLength(0)
  })

  it('notes when the person’s Content-Type replaces the one Courier would set', async () => {
    const upstream = await startUpstream((_request, response) => response.end())
    const { send } = sender()
    const record = await send({
      method: 'POST',
      url: upstream.url('/'),
      headers: [['Content-Type', 'text/plain', true]],
      body: { kind: 'json', text: '{}' },
    })
    expect(headerOf(upstream, 0, 'content-type')).toBe('text/plain')
    expect(record.notes.join(' ')).toMatch(/replaces the application\/json/)
  })
})

describe('redirect matrix', () => {
  const statuses = [301, 302, 303, 307, 308] as const
  const methods = ['GET', 'POST', 'PUT'] as const
  // requests' rules: 303 → GET; 302 → GET; 301 turns POST into GET; 307/308 keep method and body.
  const expected = (status: number, method: string) =>
    status === 303 || status === 302 ? 'GET' : status === 301 && method === 'POST' ? 'GET' : method

  for (const crossOrigin of [false, true]) {
    it(`applies RFC 9110 method rules and ${crossOrigin ? 'drops' : 'keeps'} credentials ${crossOrigin ? 'across' : 'within'} origins`, async () => {
      const landing = await startUpstream((_request, response) => response.end('landed'))
      const start = await startUpstream((request, response) => {
        if (request.url!.startsWith('/land')) return response.end('landed')
        const status = Number(request.url!.split('/')[2])
        response.statusCode = status
        response.setHeader('Location', crossOrigin ? landing.url('/land') : '/land')
        response.end()
      })
      const target = crossOrigin ? landing : start
      const { send } = sender()
      let index = 0
      for (const status of statuses) {
        for (const method of methods) {
          const record = await send({
            method,
            url: start.url(`/redirect/${status}`),
            headers: [['Authorization', 'Bearer secret', true]],
            cookies: 'mine=1',
            body: method === 'GET' ? { kind: 'none' } : { kind: 'json', text: '{"a":1}' },
          })
          const landed = target.received.filter((r) => r.url === '/land')[index++]!
          const want = expected(status, method)
          expect([status, method, landed.method], `${status} ${method}`).toEqual([status, method, want])
          expect(record.hops[0]!.status).toBe(status)
          expect(landed.body.toString()).toBe(want === method && method !== 'GET' ? '{"a":1}' : '')
          const names = landed.headers.map(([n]) => n.toLowerCase())
          expect(names.includes('authorization'), `${status} ${method} authorization`).toBe(!crossOrigin)
          expect(names.includes('cookie'), `${status} ${method} cookie`).toBe(!crossOrigin)
        }
      }
    })
  }
})

describe('the cookie jar', () => {
  it('stores Set-Cookie by domain, path, expiry and Secure rules and sends it on matching requests only', async () => {
    const upstream = await startUpstream((request, response) => {
      if (request.url === '/login') {
        response.setHeader('Set-Cookie', [
          'session=abc; Path=/',
          'scoped=1; Path=/admin',
          'gone=x; Max-Age=0',
          'secureonly=s; Secure',
          'other=1; Domain=elsewhere.test',
        ])
      }
      response.end()
    })
    // A name that is not loopback, so http:// is not a secure context for the jar.
    const lookup = async () => [{ address: '127.0.0.1', family: 4 }]
    const base = `http://api.test:${upstream.port}`
    const jar = new CookieJar()
    const { send } = sender({ cookieJar: jar, lookup })
    const login = await send({ method: 'POST', url: `${base}/login` })
    expect(login.cookies.map((c) => [c.name, c.stored])).toEqual([
      ['session', true],
      ['scoped', true],
      ['gone', true],
      ['secureonly', false],
      ['other', false],
    ])
    expect(login.cookies.find((c) => c.name === 'other')?.rejectedReason).toMatch(/domain/i)
    await send({ method: 'GET', url: `${base}/profile` })
    await send({ method: 'GET', url: `${base}/admin/users` })
    const cookieOf = (index: number) => upstream.received[index]!.headers.find(([n]) => n === 'Cookie')?.[1]
    expect(cookieOf(1)).toBe('session=abc')
    expect(cookieOf(2)).toBe('scoped=1; session=abc')
  })

  it('keeps cookies set during a redirect for the next hop, like a requests Session', async () => {
    const upstream = await startUpstream((request, response) => {
      if (request.url === '/cookies/set') {
        response.statusCode = 302
        response.setHeader('Set-Cookie', 'k=v; Path=/')
        response.setHeader('Location', '/cookies')
        return response.end()
      }
      response.end(request.headers.cookie ?? '')
    })
    const { send } = sender({ cookieJar: new CookieJar() })
    const record = await send({ method: 'GET', url: upstream.url('/cookies/set') })
    expect(record.body?.inline).toBe('k=v')
    expect(record.cookies[0]).toMatchObject({ name: 'k', value: 'v', stored: true })
  })

  it('stores and sends nothing when the jar is off for the request', async () => {
    const upstream = await startUpstream((request, response) => {
      response.setHeader('Set-Cookie', 'k=v')
      response.end(request.headers.cookie ?? 'none')
    })
    const jar = new CookieJar()
    const { send } = sender({ cookieJar: jar })
    const first = await send({ method: 'GET', url: upstream.url('/'), settings: { useCookieJar: false } })
    expect(first.cookies[0]).toMatchObject({ name: 'k', stored: false })
    expect(await jar.getCookieString(upstream.url('/'))).toBe('')
  })

  it('sends the jar’s cookies and the request’s own cookie line together', async () => {
    const upstream = await startUpstream((request, response) => response.end(request.headers.cookie ?? ''))
    const jar = new CookieJar()
    await jar.setCookie('fromjar=1', upstream.url('/'))
    const { send } = sender({ cookieJar: jar })
    const record = await send({ method: 'GET', url: upstream.url('/'), cookies: 'mine=2' })
    expect(record.body?.inline).toBe('fromjar=1; mine=2')
  })
})
