import { gzipSync, brotliCompressSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { lower, send } from '../test/send-kit.js'
import { startUpstream } from '../test/upstream.js'

describe('a successful exchange', () => {
  it('reports status, reason phrase, ordered duplicate headers and the JSON body inline', async () => {
    const upstream = await startUpstream((_request, response) => {
      response.statusMessage = 'Everything Fine'
      response.setHeader('Set-Cookie', ['a=1', 'b=2'])
      response.setHeader('Content-Type', 'application/json')
      response.end('{"hello":"world"}')
    })
    const record = await send({ method: 'GET', url: upstream.url('/things?x=1') })
    expect(record.ok).toBe(true)
    expect(record.status).toBe(200)
    expect(record.statusText).toBe('Everything Fine')
    expect(record.httpVersion).toBe('HTTP/1.1')
    expect(record.headers.filter(([name]) => name.toLowerCase() === 'set-cookie')).toEqual([
      ['Set-Cookie', 'a=1'],
      ['Set-Cookie', 'b=2'],
    ])
    expect(record.body).toMatchObject({
      contentType: 'application/json',
      inline: '{"hello":"world"}',
      isText: true,
      size: 17,
    })
    expect(record.error).toBeNull()
    expect(upstream.received[0]!.url).toBe('/things?x=1')
  })

  it('sends the defaults it reports as sent, and nothing else', async () => {
    const upstream = await startUpstream((_request, response) => response.end('ok'))
    const record = await send({ method: 'GET', url: upstream.url('/'), headers: [['X-Trace', 'abc', true]] })
    const received = lower(upstream.received[0]!.headers)
    const reported = lower(record.request.headers)
    expect(received).toEqual(reported)
    expect(reported).toEqual(
      expect.arrayContaining([
        ['user-agent', 'Courier/test'],
        ['accept', '*/*'],
        ['x-trace', 'abc'],
      ]),
    )
  })

  it('lets a disabled row remove a default header and an enabled row replace it', async () => {
    const upstream = await startUpstream((_request, response) => response.end())
    await send({
      method: 'GET',
      url: upstream.url('/'),
      headers: [
        ['User-Agent', '', false],
        ['Accept', 'application/xml', true],
      ],
    })
    const names = upstream.received[0]!.headers.map(([name]) => name.toLowerCase())
    expect(names).not.toContain('user-agent')
    expect(upstream.received[0]!.headers).toContainEqual(['Accept', 'application/xml'])
  })

  it('posts a JSON body byte for byte with Content-Type and Content-Length', async () => {
    const upstream = await startUpstream((_request, response) => response.end())
    const text = '{\n  "name": "Zoë",\n  "n": 1\n}'
    const record = await send({ method: 'POST', url: upstream.url('/items'), body: { kind: 'json', text } })
    const received = upstream.received[0]!
    expect(received.body.toString('utf8')).toBe(text)
    expect(lower(received.headers)).toContainEqual(['content-type', 'application/json'])
    expect(lower(received.headers)).toContainEqual(['content-length', String(Buffer.byteLength(text))])
    expect(lower(record.request.headers)).toEqual(lower(received.headers))
    expect(record.request.bodySize).toBe(Buffer.byteLength(text))
    expect(record.request.bodyPreview).toBe(text)
  })

  it('treats a 404 from the target as a normal response', async () => {
    const upstream = await startUpstream((_request, response) => {
      response.statusCode = 404
      response.end('missing')
    })
    const record = await send({ method: 'GET', url: upstream.url('/nope') })
    expect(record).toMatchObject({ ok: true, status: 404, statusText: 'Not Found', error: null })
  })

  it('keeps binary bodies byte-exact in the body store and out of the JSON', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0xff, 0xfe])
    const upstream = await startUpstream((_request, response) => {
      response.setHeader('Content-Type', 'image/png')
      response.end(png)
    })
    const record = await send({ method: 'GET', url: upstream.url('/logo.png') })
    expect(record.body).toMatchObject({
      contentType: 'image/png',
      inline: null,
      isText: false,
      size: png.length,
      filename: 'logo.png',
    })
    expect(Buffer.compare(await record.storedBody(), png)).toBe(0)
  })

  it('decodes gzip and brotli, reporting wire and decoded sizes apart', async () => {
    const text = 'hello '.repeat(1000)
    for (const [encoding, encode] of [
      ['gzip', gzipSync],
      ['br', brotliCompressSync],
    ] as const) {
      const upstream = await startUpstream((_request, response) => {
        response.setHeader('Content-Encoding', encoding)
        response.setHeader('Content-Type', 'text/plain')
        response.end(encode(Buffer.from(text)))
      })
      const record = await send({ method: 'GET', url: upstream.url('/') })
      expect(record.body?.inline).toBe(text)
      expect(record.sizes.body).toBe(text.length)
      expect(record.sizes.bodyWire).toBeLessThan(text.length / 10)
    }
  })

  it('stops a decompression bomb at the decoded-size cap', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024))
    const upstream = await startUpstream((_request, response) => {
      response.setHeader('Content-Encoding', 'gzip')
      response.end(bomb)
    })
    const record = await send(
      { method: 'GET', url: upstream.url('/') },
      { settings: { maxResponseBytes: 1024 * 1024 } },
    )
    expect(record.ok).toBe(false)
    expect(record.status).toBe(200)
    expect(record.error?.code).toBe('RESPONSE_TOO_LARGE')
    expect(record.body?.truncated).toBe(true)
    expect(record.sizes.body).toBe(1024 * 1024)
    expect((await record.storedBody()).length).toBe(1024 * 1024)
  })

  it('keeps status and headers when the gzip body is corrupt', async () => {
    const upstream = await startUpstream((_request, response) => {
      response.setHeader('Content-Encoding', 'gzip')
      response.end('this is not gzip at all')
    })
    const record = await send({ method: 'GET', url: upstream.url('/') })
    expect(record.status).toBe(200)
    expect(record.body?.decodeError).toMatch(/could not be decoded/)
  })

  it('measures every phase in order and a total that covers them', async () => {
    const upstream = await startUpstream((_request, response) => setTimeout(() => response.end('late'), 30))
    const record = await send({ method: 'GET', url: `http://localhost:${upstream.port}/` })
    const { dns, connect, firstByte, download, total } = record.timing
    expect(dns).toBeGreaterThanOrEqual(0)
    expect(connect).toBeGreaterThanOrEqual(0)
    expect(firstByte).toBeGreaterThanOrEqual(25)
    expect(download).toBeGreaterThanOrEqual(0)
    expect(total).toBeGreaterThanOrEqual(dns! + connect! + firstByte!)
  })
})
