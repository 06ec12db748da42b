import { createHash, randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { RequestSpecSchema, type RequestSpecInput } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { historyEntryFor } from '../../send/record-exchange.js'
import { startUpstream } from '../../test/upstream.js'
import { engineSend } from '../../test/engine-send.js'

function send(input: RequestSpecInput) {
  const spec = RequestSpecSchema.parse(input)
  return engineSend(spec).then((record) => ({ record, spec }))
}

const header = (headers: [string, string][], name: string) =>
  headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1]

describe('static auth from the Auth tab', () => {
  it('sends Basic credentials as RFC 7617 base64 of user:password, shown in the request as sent', async () => {
    const upstream = await startUpstream((_request, response) => response.end('ok'))
    const { record } = await send({
      method: 'GET',
      url: upstream.url('/'),
      auth: { type: 'basic', username: 'aladdin', password: 'open sesame' },
    })
    expect(header(upstream.received[0]!.headers, 'authorization')).toBe('Basic YWxhZGRpbjpvcGVuIHNlc2FtZQ==')
    expect(header(record.request.headers, 'authorization')).toBe('Basic YWxhZGRpbjpvcGVuIHNlc2FtZQ==')
  })

  it('sends a bearer token with its prefix, a custom prefix, or none', async () => {
    const upstream = await startUpstream((_request, response) => response.end('ok'))
    await send({ method: 'GET', url: upstream.url('/'), auth: { type: 'bearer', token: 'abc.def' } })
    await send({ method: 'GET', url: upstream.url('/'), auth: { type: 'bearer', token: 'ghp_123', prefix: 'token' } })
    await send({ method: 'GET', url: upstream.url('/'), auth: { type: 'bearer', token: 'raw', prefix: '' } })
    expect(upstream.received.map((r) => header(r.headers, 'authorization'))).toEqual([
      'Bearer abc.def',
      'token ghp_123',
      'raw',
    ])
  })

  it('sends an API key as a header of its own name', async () => {
    const upstream = await startUpstream((_request, response) => response.end('ok'))
    await send({
      method: 'GET',
      url: upstream.url('/'),
      auth: { type: 'apikey', name: 'X-Team-Key', value: 'k-123', in: 'header' },
    })
    expect(header(upstream.received[0]!.headers, 'x-team-key')).toBe('k-123')
  })

  it('appends an API key to the query without re-encoding what the URL already has', async () => {
    const upstream = await startUpstream((_request, response) => response.end('ok'))
    const { record } = await send({
      method: 'GET',
      url: upstream.url('/search?q=a%2Bb&x'),
      auth: { type: 'apikey', name: 'team key', value: 'v&1', in: 'query' },
    })
    expect(upstream.received[0]!.url).toBe('/search?q=a%2Bb&x&team%20key=v%261')
    expect(record.request.url).toBe(upstream.url('/search?q=a%2Bb&x&team%20key=v%261'))
  })

  it("lets the person's own header row or query parameter win, and says so", async () => {
    const upstream = await startUpstream((_request, response) => response.end('ok'))
    const { record } = await send({
      method: 'GET',
      url: upstream.url('/'),
      headers: [['Authorization', 'Custom mine', true]],
      auth: { type: 'bearer', token: 'theirs' },
    })
    expect(header(upstream.received[0]!.headers, 'authorization')).toBe('Custom mine')
    expect(record.notes.join(' ')).toMatch(/Authorization header row replaces/)
    const second = await send({
      method: 'GET',
      url: upstream.url('/?key=mine'),
      auth: { type: 'apikey', name: 'key', value: 'theirs', in: 'query' },
    })
    expect(upstream.received[1]!.url).toBe('/?key=mine')
    expect(second.record.notes.join(' ')).toMatch(/own key parameter/)
  })

  it('refuses a token with a line break before anything is sent', async () => {
    const upstream = await startUpstream((_request, response) => response.end('ok'))
    await expect(
      send({ method: 'GET', url: upstream.url('/'), auth: { type: 'bearer', token: 'a\r\nX-Injected: 1' } }),
    ).rejects.toMatchObject({ code: 'HEADER_INVALID', field: 'auth' })
    await expect(
      send({
        method: 'GET',
        url: upstream.url('/'),
        auth: { type: 'apikey', name: 'bad name', value: 'v', in: 'header' },
      }),
    ).rejects.toMatchObject({ code: 'HEADER_INVALID', field: 'auth.name' })
    expect(upstream.received).toHaveLength(0)
  })

  it('masks every auth-generated secret in the history entry, custom API key names included', async () => {
    const upstream = await startUpstream((_request, response) => response.end('ok'))
    const inHeader = await send({
      method: 'GET',
      url: upstream.url('/'),
      auth: { type: 'apikey', name: 'X-Team-Key', value: 'k-123', in: 'header' },
    })
    const entry = historyEntryFor(inHeader.spec, inHeader.record)
    expect(JSON.stringify(entry)).not.toContain('k-123')
    expect(header(entry.response.request.headers, 'x-team-key')).toBe('••••••')

    const inQuery = await send({
      method: 'GET',
      url: upstream.url('/?page=2'),
      auth: { type: 'apikey', name: 'tenant_secret', value: 's3cr3t', in: 'query' },
    })
    const queryEntry = historyEntryFor(inQuery.spec, inQuery.record)
    expect(JSON.stringify(queryEntry)).not.toContain('s3cr3t')
    expect(queryEntry.url).toBe(upstream.url('/?page=2&tenant_secret=••••••'))

    const basic = await send({
      method: 'GET',
      url: upstream.url('/'),
      auth: { type: 'basic', username: 'u', password: 'hunter2' },
    })
    const basicEntry = historyEntryFor(basic.spec, basic.record)
    expect(JSON.stringify(basicEntry)).not.toMatch(/hunter2|dTpodW50ZXIy/)
  })
})

type DigestServerOptions = { algorithms: string[]; qop?: string; username: string; password: string; realm?: string }

/** A Digest-protected server written from RFC 7616 directly, independent of the client code. */
function digestHandler(options: DigestServerOptions) {
  const realm = options.realm ?? 'courier@test'
  const nonces = new Set<string>()
  const hashes: Record<string, string> = { MD5: 'md5', 'SHA-256': 'sha256', 'SHA-512-256': 'sha512-256' }
  const seen: Record<string, string>[] = []
  const handler = (request: IncomingMessage & { body: Buffer }, response: ServerResponse) => {
    const authorization = request.headers.authorization ?? ''
    const challenge = () => {
      const nonce = randomBytes(12).toString('base64')
      nonces.add(nonce)
      response.statusCode = 401
      response.setHeader(
        'WWW-Authenticate',
        options.algorithms.map(
          (algorithm) =>
            `Digest realm="${realm}", nonce="${nonce}", opaque="op-1", algorithm=${algorithm}${options.qop ? `, qop="${options.qop}"` : ''}`,
        ),
      )
      response.end('challenge')
    }
    if (!authorization.startsWith('Digest ')) return challenge()
    const params: Record<string, string> = {}
    for (const match of authorization.slice(7).matchAll(/([a-z*]+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]+))/gi))
      params[match[1]!] = match[2] ?? match[3]!
    seen.push(params)
    const hash = hashes[params.algorithm ?? 'MD5']
    const H = (text: string) => createHash(hash!).update(text).digest('hex')
    const ha1 = H(`${options.username}:${realm}:${options.password}`)
    const ha2 =
      params.qop === 'auth-int'
        ? H(`${request.method}:${params.uri}:${H(request.body.toString('latin1'))}`)
        : H(`${request.method}:${params.uri}`)
    const expected = params.qop
      ? H(`${ha1}:${params.nonce}:${params.nc}:${params.cnonce}:${params.qop}:${ha2}`)
      : H(`${ha1}:${params.nonce}:${ha2}`)
    const valid =
      hash &&
      nonces.has(params.nonce!) &&
      params.uri === request.url &&
      params.username === options.username &&
      params.opaque === 'op-1' &&
      params.response === expected
    if (!valid) return challenge()
    response.setHeader('content-type', 'application/json')
    response.end(JSON.stringify({ authenticated: true, user: params.username, algorithm: params.algorithm ?? 'MD5' }))
  }
  return { handler, seen }
}

describe('Digest auth: the engine answers the 401 challenge', () => {
  it('answers an MD5 qop=auth challenge and keeps the 401 as a hop', async () => {
    const server = digestHandler({ algorithms: ['MD5'], qop: 'auth', username: 'u', password: 'p' })
    const upstream = await startUpstream(server.handler)
    const { record } = await send({
      method: 'GET',
      url: upstream.url('/digest-auth/auth/u/p?x=1'),
      auth: { type: 'digest', username: 'u', password: 'p' },
    })
    expect(record.status).toBe(200)
    expect(JSON.parse(record.body!.inline!)).toEqual({ authenticated: true, user: 'u', algorithm: 'MD5' })
    expect(upstream.received).toHaveLength(2)
    expect(header(upstream.received[0]!.headers, 'authorization')).toBeUndefined()
    expect(record.hops).toHaveLength(1)
    expect(record.hops[0]).toMatchObject({ status: 401, location: null })
    expect(header(record.request.headers, 'authorization')).toMatch(
      /^Digest username="u", realm="courier@test", uri="\/digest-auth\/auth\/u\/p\?x=1", algorithm=MD5/,
    )
    expect(server.seen[0]).toMatchObject({ qop: 'auth', nc: '00000001' })
    expect(record.notes.join(' ')).toMatch(/answered the server's Digest challenge \(MD5, qop=auth\)/)
  })

  it('picks SHA-256 when the server offers it next to MD5, even after a redirect limit of 0', async () => {
    const server = digestHandler({
      algorithms: ['MD5', 'SHA-256'],
      qop: 'auth',
      username: 'admin',
      password: 'pässword',
    })
    const upstream = await startUpstream(server.handler)
    const { record } = await send({
      method: 'GET',
      url: upstream.url('/'),
      auth: { type: 'digest', username: 'admin', password: 'pässword' },
      settings: { maxRedirects: 0 },
    })
    expect(record.status).toBe(200)
    expect(JSON.parse(record.body!.inline!).algorithm).toBe('SHA-256')
  })

  it('answers qop=auth-int for a JSON POST, hashing the body', async () => {
    const server = digestHandler({ algorithms: ['SHA-256'], qop: 'auth-int', username: 'u', password: 'p' })
    const upstream = await startUpstream(server.handler)
    const { record } = await send({
      method: 'POST',
      url: upstream.url('/items'),
      body: { kind: 'json', text: '{"a":1}' },
      auth: { type: 'digest', username: 'u', password: 'p' },
    })
    expect(record.status).toBe(200)
    expect(upstream.received[1]!.body.toString()).toBe('{"a":1}')
  })

  it('tries once: a wrong password ends with the second 401', async () => {
    const upstream = await startUpstream(
      digestHandler({ algorithms: ['MD5'], qop: 'auth', username: 'u', password: 'p' }).handler,
    )
    const { record } = await send({
      method: 'GET',
      url: upstream.url('/'),
      auth: { type: 'digest', username: 'u', password: 'wrong' },
    })
    expect(record.status).toBe(401)
    expect(upstream.received).toHaveLength(2)
  })

  it('never answers a challenge from another origin after a redirect', async () => {
    const other = await startUpstream(digestHandler({ algorithms: ['MD5'], username: 'u', password: 'p' }).handler)
    const first = await startUpstream((_request, response) => {
      response.statusCode = 302
      response.setHeader('location', other.url('/protected'))
      response.end()
    })
    const { record } = await send({
      method: 'GET',
      url: first.url('/'),
      auth: { type: 'digest', username: 'u', password: 'p' },
    })
    expect(record.status).toBe(401)
    expect(other.received).toHaveLength(1)
    expect(header(other.received[0]!.headers, 'authorization')).toBeUndefined()
  })

  it('masks the Digest response in history', async () => {
    const upstream = await startUpstream(
      digestHandler({ algorithms: ['SHA-256'], qop: 'auth', username: 'u', password: 'topsecret' }).handler,
    )
    const { record, spec } = await send({
      method: 'GET',
      url: upstream.url('/'),
      auth: { type: 'digest', username: 'u', password: 'topsecret' },
    })
    const entry = historyEntryFor(spec, record)
    expect(header(entry.response.request.headers, 'authorization')).toBe('••••••')
    expect(JSON.stringify(entry)).not.toContain('topsecret')
  })
})
