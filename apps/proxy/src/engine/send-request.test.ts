import { readFileSync } from 'node:fs'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { gzipSync, brotliCompressSync } from 'node:zlib'
import type { RequestSpecInput } from '@courier/shared'
import { describe, expect, it, onTestFinished } from 'vitest'
import { CourierError } from '../errors.js'
import { testBodyStore } from '../test/stores.js'
import { closedPort, startRawUpstream, startUpstream } from '../test/upstream.js'
import { engineSend } from '../test/engine-send.js'
import { LOCAL_DESTINATIONS } from './address-policy.js'
import type { SendContext } from './send-request.js'
import { DEFAULT_ENGINE_SETTINGS, type EngineSettings } from './settings.js'

const tlsDir = new URL('../test/tls/', import.meta.url)
const tlsFile = (name: string) => readFileSync(new URL(name, tlsDir), 'utf8')

function send(input: RequestSpecInput, overrides: Partial<SendContext> & { settings?: Partial<EngineSettings> } = {}) {
  const bodies = testBodyStore()
  const { settings, ...rest } = overrides
  const pending = engineSend(input, { defaults: { ...DEFAULT_ENGINE_SETTINGS, ...settings }, ...rest }, bodies)
  return pending.then((record) => {
    const storedBody = async () => {
      const chunks: Buffer[] = []
      for await (const chunk of bodies.read(record.id)) chunks.push(chunk as Buffer)
      return Buffer.concat(chunks)
    }
    return Object.assign(record, { storedBody })
  })
}

const lower = (headers: [string, string][]) => headers.map(([name, value]) => [name.toLowerCase(), value])

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

describe('failures are results with a code', () => {
  it('reports a refused connection', async () => {
    const record = await send({ method: 'GET', url: `http://127.0.0.1:${await closedPort()}/` })
    expect(record).toMatchObject({
      ok: false,
      status: null,
      error: { code: 'UPSTREAM_CONNECTION_REFUSED', phase: 'connect' },
    })
  })

  it('reports a host name that does not resolve', async () => {
    const lookup = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.test'), { code: 'ENOTFOUND' })
    }
    const record = await send({ method: 'GET', url: 'http://nowhere.test/' }, { lookup })
    expect(record.error).toMatchObject({ code: 'DNS_RESOLUTION_FAILED', phase: 'resolve' })
  })

  it('says which timeout fired: headers', async () => {
    const upstream = await startRawUpstream(() => {}) // accepts, never answers
    const record = await send({ method: 'GET', url: upstream.url('/') }, { settings: { headersTimeoutMs: 150 } })
    expect(record.error?.code).toBe('UPSTREAM_HEADERS_TIMEOUT')
  })

  it('says which timeout fired: total, even when bytes keep dripping', async () => {
    const upstream = await startRawUpstream((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n')
      const drip = setInterval(() => socket.write('1\r\na\r\n'), 20)
      socket.on('close', () => clearInterval(drip))
    })
    const record = await send({ method: 'GET', url: upstream.url('/'), settings: { timeoutMs: 300 } })
    expect(record.error?.code).toBe('REQUEST_TIMEOUT')
    expect(record.error?.message).toMatch(/total timeout/)
  })

  it('reports a reset in the middle of the body', async () => {
    const upstream = await startRawUpstream((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\npartial')
      setTimeout(() => socket.resetAndDestroy(), 20)
    })
    const record = await send({ method: 'GET', url: upstream.url('/') })
    expect(record.error?.code).toBe('UPSTREAM_CONNECTION_RESET')
  })

  it('reports an answer that is not HTTP', async () => {
    const upstream = await startRawUpstream((socket) => socket.end('SSH-2.0-OpenSSH_9.2\r\n\r\n'))
    const record = await send({ method: 'GET', url: upstream.url('/') })
    expect(record.error?.code).toBe('UPSTREAM_PROTOCOL_ERROR')
  })

  it('refuses cloud metadata addresses before connecting', async () => {
    const record = await send({ method: 'GET', url: 'http://169.254.169.254/latest/meta-data/' })
    expect(record.error).toMatchObject({ code: 'TARGET_FORBIDDEN' })
    const named = await send({ method: 'GET', url: 'http://metadata.google.internal/' })
    expect(named.error?.code).toBe('TARGET_FORBIDDEN')
  })

  it('refuses a name when any of its addresses is blocked', async () => {
    const lookup = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '169.254.169.254', family: 4 },
    ]
    const record = await send({ method: 'GET', url: 'http://mixed.test/' }, { lookup })
    expect(record.error?.code).toBe('TARGET_FORBIDDEN')
  })

  it('refuses to send to Courier itself', async () => {
    const upstream = await startUpstream((_request, response) => response.end())
    const record = await send(
      { method: 'GET', url: upstream.url('/') },
      { policy: { allowed: LOCAL_DESTINATIONS, selfPorts: new Set([upstream.port]) } },
    )
    expect(record.error?.code).toBe('TARGET_FORBIDDEN')
    expect(upstream.received).toHaveLength(0)
  })
})

describe('invalid input is refused before anything is sent', () => {
  const cases: [string, RequestSpecInput, string, string][] = [
    ['a method with a space', { method: 'GET /x HTTP/1.1', url: 'http://127.0.0.1:1/' }, 'METHOD_INVALID', 'method'],
    ['CONNECT', { method: 'CONNECT', url: 'http://127.0.0.1:1/' }, 'METHOD_NOT_ALLOWED', 'method'],
    ['a file URL', { method: 'GET', url: 'file:///etc/passwd' }, 'URL_SCHEME_UNSUPPORTED', 'url'],
    ['a URL without host', { method: 'GET', url: 'http:///' }, 'URL_INVALID', 'url'],
    ['port 65536', { method: 'GET', url: 'http://example.test:65536/' }, 'URL_INVALID', 'url'],
    [
      'a header value with CRLF',
      { method: 'GET', url: 'http://127.0.0.1:1/', headers: [['X-A', 'b\r\nX-Injected: 1', true]] },
      'HEADER_INVALID',
      'headers[0].value',
    ],
    [
      'a header name with a colon',
      {
        method: 'GET',
        url: 'http://127.0.0.1:1/',
        headers: [
          ['X-Ok', '1', true],
          ['Bad:Name', 'v', true],
        ],
      },
      'HEADER_INVALID',
      'headers[1].name',
    ],
    [
      'a non-Latin-1 header value',
      { method: 'GET', url: 'http://127.0.0.1:1/', headers: [['X-Name', '日本', true]] },
      'HEADER_INVALID',
      'headers[0].value',
    ],
    [
      'invalid JSON',
      { method: 'POST', url: 'http://127.0.0.1:1/', body: { kind: 'json', text: '{"a": 1,,}' } },
      'BODY_INVALID',
      'body.text',
    ],
  ]
  it.each(cases)('refuses %s', async (_name, input, code, field) => {
    await expect(send(input)).rejects.toMatchObject({ code, field })
    await expect(send(input)).rejects.toBeInstanceOf(CourierError)
  })

  it('sends custom token methods exactly as written', async () => {
    const requestLines: string[] = []
    const upstream = await startRawUpstream((socket) => {
      socket.once('data', (data) => {
        requestLines.push(data.toString('latin1').split('\r\n')[0]!)
        socket.end('HTTP/1.1 204 No Content\r\n\r\n')
      })
    })
    await send({ method: 'PROPFIND', url: upstream.url('/dav') })
    await send({ method: 'get', url: upstream.url('/lower') })
    expect(requestLines).toEqual(['PROPFIND /dav HTTP/1.1', 'get /lower HTTP/1.1'])
  })

  it('adds http:// when no scheme was typed', async () => {
    const upstream = await startUpstream((_request, response) => response.end())
    const record = await send({ method: 'GET', url: `127.0.0.1:${upstream.port}/x` })
    expect(record.status).toBe(200)
    expect(record.request.url).toBe(upstream.url('/x'))
  })

  it('drops framing headers with a note instead of passing them on', async () => {
    const upstream = await startUpstream((_request, response) => response.end())
    const record = await send({
      method: 'GET',
      url: upstream.url('/'),
      headers: [
        ['Transfer-Encoding', 'chunked', true],
        ['Connection', 'X-Api-Key', true],
      ],
    })
    const names = upstream.received[0]!.headers.map(([name]) => name.toLowerCase())
    expect(names).not.toContain('transfer-encoding')
    expect(record.notes.join(' ')).toMatch(/Transfer-Encoding was not sent/)
  })
})

describe('redirects', () => {
  it('follows a chain and records every hop', async () => {
    const upstream = await startUpstream((request, response) => {
      const n = Number(request.url!.split('/')[2] ?? 0)
      if (n > 0) {
        response.statusCode = 302
        response.setHeader('Location', `/hop/${n - 1}`)
        return response.end()
      }
      response.end('arrived')
    })
    const record = await send({ method: 'GET', url: upstream.url('/hop/3') })
    expect(record.status).toBe(200)
    expect(record.hops.map((hop) => [hop.status, hop.location])).toEqual([
      [302, '/hop/2'],
      [302, '/hop/1'],
      [302, '/hop/0'],
    ])
    expect(record.request.url).toBe(upstream.url('/hop/0'))
  })

  it('stops a redirect loop with the chain listed', async () => {
    const upstream = await startUpstream((_request, response) => {
      response.statusCode = 301
      response.setHeader('Location', '/loop')
      response.end()
    })
    const record = await send({ method: 'GET', url: upstream.url('/loop'), settings: { maxRedirects: 4 } })
    expect(record.error?.code).toBe('TOO_MANY_REDIRECTS')
    // Four followed; the fifth redirect is the record's own answer, where it stopped (redirect-limit.test.ts).
    expect(record.hops).toHaveLength(4)
    expect(record.status).toBe(301)
  })

  it('refuses a redirect to another scheme', async () => {
    const upstream = await startUpstream((_request, response) => {
      response.statusCode = 302
      response.setHeader('Location', 'file:///etc/passwd')
      response.end()
    })
    const record = await send({ method: 'GET', url: upstream.url('/') })
    expect(record.error?.code).toBe('REDIRECT_FORBIDDEN')
  })

  it('returns the 3xx itself when following is off', async () => {
    const upstream = await startUpstream((_request, response) => {
      response.statusCode = 302
      response.setHeader('Location', '/elsewhere')
      response.end()
    })
    const record = await send({ method: 'GET', url: upstream.url('/'), settings: { followRedirects: false } })
    expect(record.status).toBe(302)
    expect(record.hops).toHaveLength(0)
  })
})

describe('TLS', () => {
  async function startTls() {
    const server = createHttpsServer(
      { key: tlsFile('server.key'), cert: tlsFile('server.pem') },
      (_request, response) => response.end('secure'),
    )
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())))
    return (server.address() as AddressInfo).port
  }

  it('refuses an untrusted certificate, naming the reason', async () => {
    const port = await startTls()
    const record = await send({ method: 'GET', url: `https://localhost:${port}/` })
    expect(record.error).toMatchObject({ code: 'TLS_CERT_INVALID', phase: 'tls' })
    expect(record.error?.message).toMatch(/unknown authority/)
  })

  it('measures the TLS phase against a trusted certificate', async () => {
    const port = await startTls()
    const record = await send({ method: 'GET', url: `https://localhost:${port}/` }, { extraCa: [tlsFile('ca.pem')] })
    expect(record.status).toBe(200)
    expect(record.timing.tls).toBeGreaterThan(0)
    expect(record.insecure).toBe(false)
  })

  it('sends anyway with verification off, and records that', async () => {
    const port = await startTls()
    const record = await send({ method: 'GET', url: `https://127.0.0.1:${port}/`, settings: { verifyTls: false } })
    expect(record.body?.inline).toBe('secure')
    expect(record.insecure).toBe(true)
  })
})
