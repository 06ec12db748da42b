import type { RequestSpecInput } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { testBodyStore } from '../test/stores.js'
import { engineSend } from '../test/engine-send.js'
import { startRawUpstream } from '../test/upstream.js'
import { DEFAULT_ENGINE_SETTINGS, type EngineSettings } from './settings.js'

async function send(input: RequestSpecInput, settings: Partial<EngineSettings> = {}) {
  const bodies = testBodyStore()
  const record = await engineSend(input, { defaults: { ...DEFAULT_ENGINE_SETTINGS, ...settings } }, bodies)
  const chunks: Buffer[] = []
  if (record.body) for await (const chunk of bodies.read(record.id)) chunks.push(chunk as Buffer)
  return { record, stored: Buffer.concat(chunks).toString('utf8') }
}

/** Sends a status line, headers and the start of a body, then says nothing more. */
async function stallingUpstream(onStalled: () => void = () => {}) {
  return startRawUpstream((socket) => {
    socket.once('data', () => {
      socket.write(
        'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Marker: kept\r\nContent-Length: 100000\r\n\r\nfirst part of the body;',
      )
      onStalled()
    })
  })
}

describe('a send that times out keeps what arrived', () => {
  it('total timeout: status, headers and the bytes so far are in the record, marked partial', async () => {
    const upstream = await stallingUpstream()
    const { record, stored } = await send({ method: 'GET', url: upstream.url('/slow'), settings: { timeoutMs: 1000 } })
    expect(record).toMatchObject({
      ok: false,
      partial: true,
      status: 200,
      statusText: 'OK',
      error: { code: 'REQUEST_TIMEOUT', phase: 'receive' },
    })
    expect(record.headers).toContainEqual(['X-Marker', 'kept'])
    expect(record.body).toMatchObject({
      contentType: 'text/plain',
      inline: 'first part of the body;',
      size: 23,
      isText: true,
    })
    expect(record.sizes.body).toBe(23)
    expect(stored).toBe('first part of the body;')
    expect(record.error!.message).toMatch(/23 B of 97.7 KB arrived/)
  })

  it('idle (body) timeout: the same, with the idle timeout named', async () => {
    const upstream = await stallingUpstream()
    const { record, stored } = await send({ method: 'GET', url: upstream.url('/slow') }, { bodyTimeoutMs: 200 })
    expect(record).toMatchObject({ ok: false, partial: true, status: 200, error: { code: 'UPSTREAM_BODY_TIMEOUT' } })
    expect(record.body?.inline).toBe('first part of the body;')
    expect(stored).toBe('first part of the body;')
  })

  it('a timeout before any header stays a plain failure', async () => {
    const upstream = await startRawUpstream(() => {})
    const { record } = await send({ method: 'GET', url: upstream.url('/') }, { headersTimeoutMs: 150 })
    expect(record).toMatchObject({ ok: false, status: null, body: null, error: { code: 'UPSTREAM_HEADERS_TIMEOUT' } })
    expect(record.partial).toBeUndefined()
  })
})
