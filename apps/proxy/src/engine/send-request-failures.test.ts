import { describe, expect, it } from 'vitest'
import { send } from '../test/send-kit.js'
import { closedPort, startRawUpstream, startUpstream } from '../test/upstream.js'
import { LOCAL_DESTINATIONS } from './address-policy.js'

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
