import type { Socket } from 'node:net'
import { describe, expect, it } from 'vitest'
import { send } from '../test/send-kit.js'
import { startRawUpstream, startUpstream, type ReceivedRequest } from '../test/upstream.js'
import { rewriteRequestHead } from './request-head.js'

const header = (r: ReceivedRequest, name: string) => r.headers.find(([n]) => n.toLowerCase() === name)?.[1]

/** A server that answers 200 and keeps each request's raw bytes (head and body) as they arrived. */
async function rawRecorder() {
  const raw: string[] = []
  const upstream = await startRawUpstream((socket: Socket) => {
    let text = ''
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1')
      const end = text.indexOf('\r\n\r\n')
      if (end < 0) return
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(text.slice(0, end))?.[1] ?? 0)
      if (text.length < end + 4 + length) return
      raw.push(text)
      socket.end('HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n')
    })
  })
  return { upstream, raw }
}

describe('the request settings Postman requests come in with', () => {
  it('pruneBody leaves a GET’s body and its Content-Type out, and says so; POST keeps its body', async () => {
    const upstream = await startUpstream((_request, response) => response.end('ok'))
    const body = { kind: 'json' as const, text: '{"a":1}' }
    const pruned = await send({ method: 'GET', url: upstream.url('/g'), body, settings: { pruneBody: true } })
    const kept = await send({ method: 'GET', url: upstream.url('/g'), body })
    const post = await send({ method: 'POST', url: upstream.url('/p'), body, settings: { pruneBody: true } })
    const [first, second, third] = upstream.received
    expect(first!.body.length).toBe(0)
    expect(header(first!, 'content-type')).toBeUndefined()
    expect(header(first!, 'content-length')).toBeUndefined()
    expect(pruned.notes.join(' ')).toMatch(/body was not sent.*GET/)
    expect(second!.body.toString()).toBe('{"a":1}')
    expect(kept.notes.join(' ')).not.toMatch(/body was not sent/)
    expect(third!.body.toString()).toBe('{"a":1}')
    expect(post.notes.join(' ')).not.toMatch(/body was not sent/)
  })

  it('redirectMethod original keeps a POST and its body across a 302; standard turns it into a bodiless GET', async () => {
    const upstream = await startUpstream((request, response) => {
      if (request.url === '/from') {
        response.statusCode = 302
        response.setHeader('location', '/to')
        return response.end()
      }
      response.end('arrived')
    })
    const input = {
      method: 'POST',
      url: upstream.url('/from'),
      body: { kind: 'raw' as const, text: 'payload', contentType: 'text/plain' },
    }
    await send({ ...input, settings: { redirectMethod: 'original' } })
    await send(input)
    const arrived = upstream.received.filter((r) => r.url === '/to')
    expect(arrived.map((r) => [r.method, r.body.toString(), header(r, 'content-type') ?? null])).toEqual([
      ['POST', 'payload', 'text/plain'],
      ['GET', '', null],
    ])
  })

  it('refererOnRedirect sends the URL redirected from (no fragment), in place of the person’s own Referer', async () => {
    const upstream = await startUpstream((request, response) => {
      if (request.url!.startsWith('/from')) {
        response.statusCode = 301
        response.setHeader('location', '/to')
        return response.end()
      }
      response.end('arrived')
    })
    const url = `${upstream.url('/from')}?q=1#part`
    await send({ method: 'GET', url, headers: [['Referer', 'mine', true]], settings: { refererOnRedirect: true } })
    await send({ method: 'GET', url, headers: [['Referer', 'mine', true]] })
    await send({ method: 'GET', url })
    const arrived = upstream.received.filter((r) => r.url === '/to').map((r) => header(r, 'referer') ?? null)
    expect(arrived).toEqual([upstream.url('/from?q=1'), 'mine', null])
  })

  it('a Referer carrying a secret of the send does not go to another origin', async () => {
    const other = await startUpstream((_request, response) => response.end('other'))
    const first = await startUpstream((_request, response) => {
      response.statusCode = 302
      response.setHeader('location', other.url('/landed'))
      response.end()
    })
    const record = await send({
      method: 'GET',
      url: first.url('/start?api_key=s3cr3t-value'),
      settings: { refererOnRedirect: true },
    })
    expect(record.status).toBe(200)
    expect(header(other.received[0]!, 'referer')).toBeUndefined()
    expect(record.notes.join(' ')).toMatch(/Referer/)
    expect(JSON.stringify(record.request.headers)).not.toContain('s3cr3t-value')
  })
})

describe('request heads as Node’s http and Postman write them', () => {
  it('spells Host, Connection and Content-Length so, says Content-Length: 0 on a bodiless POSTMAN, not on DELETE', async () => {
    const { upstream, raw } = await rawRecorder()
    const custom = await send({ method: 'POSTMAN', url: upstream.url('/c') })
    await send({ method: 'DELETE', url: upstream.url('/d') })
    await send({
      method: 'PUT',
      url: upstream.url('/p'),
      body: { kind: 'raw', text: 'abc', contentType: 'text/plain' },
    })
    const names = (text: string) =>
      text
        .split('\r\n\r\n')[0]!
        .split('\r\n')
        .slice(1)
        .map((line) => line.slice(0, line.indexOf(':')))
    expect(raw[0]).toMatch(/^POSTMAN \/c HTTP\/1\.1\r\n/)
    expect(names(raw[0]!)).toEqual(expect.arrayContaining(['Host', 'Connection', 'Content-Length']))
    expect(raw[0]).toContain('\r\nContent-Length: 0\r\n')
    expect(names(raw[1]!)).not.toContain('Content-Length')
    expect(raw[2]).toContain('\r\nContent-Length: 3\r\n\r\nabc')
    // The record shows the head as it went out.
    expect(custom.request.headers).toContainEqual(['Content-Length', '0'])
    expect(custom.request.headers.map(([name]) => name)).toEqual(names(raw[0]!))
  })

  it('leaves anything that is not a request head alone', () => {
    expect(rewriteRequestHead('\r\n1a\r\n')).toBe('\r\n1a\r\n')
    expect(rewriteRequestHead('host: x\r\n')).toBe('host: x\r\n')
    expect(rewriteRequestHead('GET / HTTP/1.1\r\nhost: a\r\nX-host: b\r\n\r\n')).toBe(
      'GET / HTTP/1.1\r\nHost: a\r\nX-host: b\r\n\r\n',
    )
  })
})
