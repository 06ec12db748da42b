import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildTestApp, tempDataDir } from '../test/build-test-app.js'
import { closedPort, startUpstream } from '../test/upstream.js'

describe('POST /api/send', () => {
  it('answers the record, keeps the body byte-exact and records history newest first', async () => {
    const app = await buildTestApp()
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 0, 255])
    const upstream = await startUpstream((request, response) => {
      if (request.url === '/img') {
        response.setHeader('content-type', 'image/png')
        return response.end(png)
      }
      response.setHeader('content-type', 'application/json')
      response.end('{"n":1}')
    })
    const first = await app.api({
      method: 'POST',
      url: '/api/send',
      payload: { request: { method: 'GET', url: upstream.url('/json') } },
    })
    expect(first.statusCode).toBe(200)
    expect(first.json()).toMatchObject({ ok: true, status: 200, body: { inline: '{"n":1}' } })

    const second = await app.api({
      method: 'POST',
      url: '/api/send',
      payload: { request: { method: 'GET', url: upstream.url('/img') } },
    })
    const record = second.json()
    const body = await app.api({ method: 'GET', url: record.body.url })
    expect(body.statusCode).toBe(200)
    expect(body.headers['content-type']).toBe('image/png')
    expect(body.headers['content-security-policy']).toMatch(/^sandbox/)
    expect(Buffer.compare(body.rawPayload, png)).toBe(0)

    const download = await app.api({ method: 'GET', url: `${record.body.url}?download=1` })
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="img.png"/)

    const history = (await app.api({ method: 'GET', url: '/api/history' })).json()
    expect(history.items.map((item: { url: string }) => item.url)).toEqual([
      upstream.url('/img'),
      upstream.url('/json'),
    ])
  })

  it('answers a failed send with its code and keeps it in history', async () => {
    const app = await buildTestApp()
    const response = await app.api({
      method: 'POST',
      url: '/api/send',
      payload: { request: { method: 'GET', url: `http://127.0.0.1:${await closedPort()}/` } },
    })
    expect(response.statusCode).toBe(502)
    expect(response.json()).toMatchObject({ ok: false, error: { code: 'UPSTREAM_CONNECTION_REFUSED' } })
    const history = (await app.api({ method: 'GET', url: '/api/history' })).json()
    expect(history.items[0]).toMatchObject({ errorCode: 'UPSTREAM_CONNECTION_REFUSED', status: null })
  })

  it('refuses invalid input with a coded error naming the field, storing nothing', async () => {
    const dataDir = tempDataDir()
    const app = await buildTestApp({ dataDir })
    const cases = [
      [{ request: { method: 'GET' } }, 'INVALID_REQUEST', 'request.url'],
      [{ request: { method: 'BAD METHOD', url: 'http://127.0.0.1:1/' } }, 'METHOD_INVALID', 'method'],
      [{ request: { method: 'GET', url: 'gopher://x/' } }, 'URL_SCHEME_UNSUPPORTED', 'url'],
      [
        { request: { method: 'GET', url: 'http://127.0.0.1:1/', headers: [['X', 'a\nb', true]] } },
        'HEADER_INVALID',
        'headers[0].value',
      ],
    ] as const
    for (const [payload, code, field] of cases) {
      const response = await app.api({ method: 'POST', url: '/api/send', payload })
      expect(response.statusCode).toBe(400)
      expect(response.json().error).toMatchObject({ code, field })
    }
    const history = (await app.api({ method: 'GET', url: '/api/history' })).json()
    expect(history.items).toHaveLength(0)
    expect(readdirSync(join(dataDir, 'bodies'))).toHaveLength(0)
  })

  it('refuses malformed and poisoned JSON without crashing', async () => {
    const app = await buildTestApp()
    const bad = await app.api({
      method: 'POST',
      url: '/api/send',
      headers: { 'content-type': 'application/json' },
      payload: '{"request": ',
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.code).toBe('INVALID_REQUEST')
    const poisoned = await app.api({
      method: 'POST',
      url: '/api/send',
      headers: { 'content-type': 'application/json' },
      payload: '{"request":{"method":"GET","url":"http://127.0.0.1:1/"},"__proto__":{"polluted":true}}',
    })
    expect(poisoned.statusCode).toBe(400)
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined()
    const deep = await app.api({
      method: 'POST',
      url: '/api/send',
      headers: { 'content-type': 'application/json' },
      payload: '['.repeat(100_000),
    })
    expect(deep.statusCode).toBe(400)
  })

  it('masks secrets in history while the live answer shows what was sent', async () => {
    const app = await buildTestApp()
    const upstream = await startUpstream((_request, response) => {
      response.setHeader('set-cookie', 'session=s3cr3t-cookie; Path=/; HttpOnly')
      response.end()
    })
    const live = await app.api({
      method: 'POST',
      url: '/api/send',
      payload: {
        request: {
          method: 'GET',
          url: `${upstream.url('/a')}?access_token=tok-in-url&page=2`,
          headers: [
            ['Authorization', 'Bearer sekret-token', true],
            ['X-Api-Key', 'key-123', true],
          ],
        },
      },
    })
    expect(JSON.stringify(live.json())).toContain('sekret-token')
    const entry = (await app.api({ method: 'GET', url: `/api/history/${live.json().id}` })).json()
    const stored = JSON.stringify(entry)
    for (const secret of ['sekret-token', 'key-123', 'tok-in-url', 's3cr3t-cookie'])
      expect(stored).not.toContain(secret)
    expect(entry.url).toContain('page=2')
  })
})

describe('history routes', () => {
  it('pages newest first, deletes one, clears all, and 404s unknown ids', async () => {
    const app = await buildTestApp()
    const upstream = await startUpstream((_request, response) => response.end('x'))
    for (let i = 0; i < 5; i++)
      await app.api({
        method: 'POST',
        url: '/api/send',
        payload: { request: { method: 'GET', url: upstream.url(`/${i}`) } },
      })
    const page1 = (await app.api({ method: 'GET', url: '/api/history?limit=2' })).json()
    expect(page1.items.map((i: { url: string }) => i.url)).toEqual([upstream.url('/4'), upstream.url('/3')])
    const page2 = (await app.api({ method: 'GET', url: `/api/history?limit=2&before=${page1.nextCursor}` })).json()
    expect(page2.items.map((i: { url: string }) => i.url)).toEqual([upstream.url('/2'), upstream.url('/1')])

    const removed = await app.api({ method: 'DELETE', url: `/api/history/${page1.items[0].id}` })
    expect(removed.statusCode).toBe(204)
    const gone = await app.api({ method: 'GET', url: `/api/history/${page1.items[0].id}` })
    expect(gone.statusCode).toBe(404)
    expect(gone.json().error.code).toBe('NOT_FOUND')

    expect((await app.api({ method: 'DELETE', url: '/api/history' })).statusCode).toBe(204)
    expect((await app.api({ method: 'GET', url: '/api/history' })).json().items).toHaveLength(0)
  })
})
