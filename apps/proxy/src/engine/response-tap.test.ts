import { gzipSync } from 'node:zlib'
import { describe, expect, it, vi } from 'vitest'
import { send } from '../test/send-kit.js'
import { startUpstream } from '../test/upstream.js'
import type { ResponseHead } from './exchange.js'

describe('a response tap sees the answer as it arrives', () => {
  it('reports the head, then every decoded chunk in order; the stored body is the same bytes', async () => {
    const pieces = Array.from({ length: 40 }, (_, i) => `chunk ${i} ${'x'.repeat(i * 97)}\n`)
    const upstream = await startUpstream(async (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Encoding': 'gzip', 'X-Kept': 'yes' })
      response.end(gzipSync(pieces.join('')))
    })
    const heads: ResponseHead[] = []
    const chunks: Uint8Array[] = []
    const record = await send(
      { method: 'GET', url: upstream.url('/tap') },
      { onResponseHead: (head) => heads.push(head), onBodyChunk: (chunk) => chunks.push(Buffer.from(chunk)) },
    )
    expect(record.ok).toBe(true)
    expect(heads).toHaveLength(1)
    expect(heads[0]).toMatchObject({ status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1' })
    expect(heads[0]!.headers).toContainEqual(['X-Kept', 'yes'])
    expect(heads[0]!.url).toBe(upstream.url('/tap'))
    expect(heads[0]!.sentHeaders.map(([name]) => name.toLowerCase())).toContain('user-agent')
    const tapped = Buffer.concat(chunks)
    expect(tapped.toString('utf8')).toBe(pieces.join(''))
    expect(tapped.equals(await record.storedBody())).toBe(true)
  })

  it('reports the head before the body starts, and each chunk as it is written', async () => {
    let writeMore: (() => void) | undefined
    const upstream = await startUpstream(async (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/event-stream' })
      response.flushHeaders()
      await new Promise<void>((resolve) => (writeMore = resolve))
      response.write('data: one\n\n')
      await new Promise<void>((resolve) => (writeMore = resolve))
      response.end('data: two\n\n')
    })
    const seen: string[] = []
    const pending = send(
      { method: 'GET', url: upstream.url('/live') },
      {
        onResponseHead: (head) => seen.push(`head ${head.status}`),
        onBodyChunk: (chunk) => seen.push(Buffer.from(chunk).toString('utf8')),
      },
    )
    await vi.waitFor(() => expect(seen).toEqual(['head 200']))
    writeMore!()
    await vi.waitFor(() => expect(seen).toEqual(['head 200', 'data: one\n\n']))
    writeMore!()
    const record = await pending
    expect(seen).toEqual(['head 200', 'data: one\n\n', 'data: two\n\n'])
    expect((await record.storedBody()).toString()).toBe('data: one\n\ndata: two\n\n')
  })

  it('a plain cancelled send still keeps nothing', async () => {
    const upstream = await startUpstream(async (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/plain' })
      response.write('some')
    })
    const abort = new AbortController()
    const record = await send(
      { method: 'GET', url: upstream.url('/') },
      { signal: abort.signal, onBodyChunk: () => abort.abort() },
    )
    expect(record).toMatchObject({ ok: false, status: null, body: null, error: { code: 'ABORTED' } })
    expect(record.partial).toBeUndefined()
  })

  it('an open-ended send outlives the timeouts and, stopped, keeps what arrived marked partial', async () => {
    let written = 0
    const upstream = await startUpstream(async (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/event-stream' })
      response.write('data: first\n\n')
      written++
    })
    const abort = new AbortController()
    const chunks: string[] = []
    const pending = send(
      { method: 'GET', url: upstream.url('/forever'), settings: { timeoutMs: 1000 } },
      {
        signal: abort.signal,
        openEnded: true,
        settings: { bodyTimeoutMs: 100 },
        onBodyChunk: (chunk) => chunks.push(Buffer.from(chunk).toString()),
      },
    )
    await vi.waitFor(() => expect(chunks).toEqual(['data: first\n\n']))
    // Past both the idle (100 ms) and total (1 s) timeouts the stream is still open.
    const outlived = Date.now() + 1200
    await vi.waitFor(() => expect(Date.now()).toBeGreaterThan(outlived), { timeout: 2000, interval: 100 })
    abort.abort()
    const record = await pending
    expect(written).toBe(1)
    expect(record).toMatchObject({ ok: false, partial: true, status: 200, error: { code: 'ABORTED' } })
    expect(record.error!.message).toMatch(/cancelled.*13 B arrived before it stopped/)
    expect(record.body).toMatchObject({ contentType: 'text/event-stream', size: 13, inline: 'data: first\n\n' })
    expect((await record.storedBody()).toString()).toBe('data: first\n\n')
  })
})
