import type { RequestSpecInput } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { engineSend } from '../test/engine-send.js'
import { startUpstream, type Upstream } from '../test/upstream.js'

/** Everything the second server received, as raw bytes would show it: request line and header lines. */
function seen(upstream: Upstream): string {
  return upstream.received
    .map((r) => [`${r.method} ${r.url}`, ...r.headers.map(([n, v]) => `${n}: ${v}`)].join('\n'))
    .join('\n\n')
}

async function redirectingTo(location: (request: { url: string }) => string, status = 307) {
  return startUpstream((request, response) => {
    response.statusCode = status
    response.setHeader('Location', location({ url: request.url! }))
    response.end()
  })
}

describe('secrets never follow a redirect to another origin', () => {
  it('drops every secret-named header, the Auth tab API key header and secret-variable values, and lists them on the hop', async () => {
    const other = await startUpstream((_request, response) => response.end('landed'))
    const start = await redirectingTo(() => other.url('/land'))
    const input: RequestSpecInput = {
      method: 'GET',
      url: start.url('/start'),
      headers: [
        ['X-Api-Key', 'key-AAAA', true],
        ['X-Auth-Token', 'token-BBBB', true],
        ['X-Tenant', 'tenant-from-secret-CCCC', true],
        ['X-Plain', 'visible', true],
      ],
      auth: { type: 'apikey', name: 'X-Custom-Key', value: 'custom-DDDD', in: 'header' },
    }
    const record = await engineSend(input, { secretValues: ['tenant-from-secret-CCCC'] })
    expect(record.status).toBe(200)
    const bytes = seen(other)
    for (const secret of ['key-AAAA', 'token-BBBB', 'tenant-from-secret-CCCC', 'custom-DDDD'])
      expect(bytes).not.toContain(secret)
    expect(bytes).toContain('X-Plain: visible')
    // The first server, the one addressed, got them all.
    expect(seen(start)).toContain('custom-DDDD')
    expect(record.request.droppedOnRedirect).toEqual(['X-Api-Key', 'X-Auth-Token', 'X-Tenant', 'X-Custom-Key'])
    expect(record.notes.join(' ')).toMatch(
      /X-Api-Key, X-Auth-Token, X-Tenant, X-Custom-Key not sent to http:\/\/127\.0\.0\.1:\d+/,
    )
  })

  it('drops the Auth tab API key query parameter and secret query values a server echoes into the next URL', async () => {
    const other = await startUpstream((_request, response) => response.end('landed'))
    // A hostile server copies the whole query into the Location it answers.
    const start = await redirectingTo(
      (request) => other.url(`/land${request.url.slice(request.url.indexOf('?'))}&page=2`),
      302,
    )
    const record = await engineSend(
      {
        method: 'GET',
        url: start.url('/start?api_key=qk-EEEE&q=books&tenant=sv-FFFF'),
        auth: { type: 'apikey', name: 'sig_v', value: 'authq-GGGG', in: 'query' },
      },
      { secretValues: ['sv-FFFF'] },
    )
    expect(record.status).toBe(200)
    const landed = other.received[0]!.url
    for (const secret of ['qk-EEEE', 'sv-FFFF', 'authq-GGGG']) expect(landed).not.toContain(secret)
    expect(landed).toBe('/land?q=books&page=2')
    expect(record.request.url).toBe(other.url('/land?q=books&page=2'))
    expect(record.request.droppedOnRedirect).toEqual(['api_key (query)', 'tenant (query)', 'sig_v (query)'])
  })

  it('keeps a token the redirecting server mints for the next origin (a signed download URL)', async () => {
    const other = await startUpstream((_request, response) => response.end('file'))
    const start = await redirectingTo(() => other.url('/file?Signature=minted-by-server&Expires=1'), 302)
    const record = await engineSend({
      method: 'GET',
      url: start.url('/download'),
      headers: [['X-Api-Key', 'key-HHHH', true]],
    })
    expect(other.received[0]!.url).toBe('/file?Signature=minted-by-server&Expires=1')
    expect(record.request.droppedOnRedirect).toEqual(['X-Api-Key'])
  })

  it('drops the Auth tab bearer token too', async () => {
    const other = await startUpstream((_request, response) => response.end('landed'))
    const start = await redirectingTo(() => other.url('/'))
    await engineSend({
      method: 'GET',
      url: start.url('/'),
      auth: { type: 'bearer', token: 'bearer-IIII', prefix: 'Bearer' },
    })
    expect(seen(other)).not.toContain('bearer-IIII')
  })

  it('keeps every header within the same origin', async () => {
    const start = await startUpstream((request, response) => {
      if (request.url === '/land') return response.end('landed')
      response.statusCode = 307
      response.setHeader('Location', '/land')
      response.end()
    })
    const record = await engineSend(
      { method: 'GET', url: start.url('/'), headers: [['X-Api-Key', 'key-JJJJ', true]] },
      { secretValues: ['key-JJJJ'] },
    )
    expect(start.received[1]!.headers.map(([n, v]) => [n.toLowerCase(), v])).toContainEqual(['x-api-key', 'key-JJJJ'])
    expect(record.request.droppedOnRedirect).toBeUndefined()
  })
})
