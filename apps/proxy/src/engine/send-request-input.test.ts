import type { RequestSpecInput } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { CourierError } from '../errors.js'
import { send } from '../test/send-kit.js'
import { startRawUpstream, startUpstream } from '../test/upstream.js'

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
