import type { BodyDescriptor, ResponseRecord } from '@courier/shared'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render, screen, within } from '@testing-library/react'
import { describe, expect, it, onTestFinished, vi } from 'vitest'
import { ResponseBody } from './ResponseBody'

const STREAM =
  ': hello\nretry: 2000\nid: 1\nevent: update\ndata: {"price":10,"tags":["a"]}\n\n' +
  'data: plain text\ndata: second line\n\n' +
  'id: 3\nevent: unfinished\ndata: never dispatched'

function sseRecord(body: Partial<BodyDescriptor>): ResponseRecord {
  return {
    id: 'rec-sse',
    ok: true,
    startedAt: '2026-12-03T10:00:00.000Z',
    status: 200,
    statusText: 'OK',
    httpVersion: '1.1',
    headers: [['Content-Type', 'text/event-stream']],
    sizes: { headers: 0, bodyWire: STREAM.length, body: STREAM.length },
    timing: { total: 5 },
    body: {
      contentType: 'text/event-stream',
      size: STREAM.length,
      url: '/api/responses/rec-sse/body',
      inline: STREAM,
      isText: true,
      truncated: false,
      filename: 'events.txt',
      ...body,
    },
    request: { method: 'GET', url: 'http://x/events', headers: [], bodySize: 0 },
    hops: [],
    attempts: [],
    cookies: [],
    notes: [],
    insecure: false,
    error: null,
  }
}

function renderBody(record: ResponseRecord) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  return render(
    <QueryClientProvider client={client}>
      <ResponseBody record={record} />
    </QueryClientProvider>,
  )
}

/** Each row's cells as text, header row first. */
function tableRows(table: HTMLElement) {
  return within(table)
    .getAllByRole('row')
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent))
}

describe('Events view of a stored event stream', () => {
  it('opens an event stream as Events, beside Pretty and Raw, one row per dispatched event', async () => {
    renderBody(sseRecord({}))
    const views = screen.getByRole('radiogroup', { name: 'Body view' })
    expect(
      within(views)
        .getAllByRole('radio')
        .map((radio) => (radio as HTMLInputElement).value),
    ).toEqual(['events', 'pretty', 'raw'])
    expect((within(views).getByRole('radio', { name: 'Events' }) as HTMLInputElement).checked).toBe(true)
    const table = await screen.findByRole('table', { name: 'Events' })
    expect(tableRows(table)).toEqual([
      ['#', 'ID', 'Event', 'Retry', 'Data'],
      ['1', '1', 'update', '2000', '{\n  "price": 10,\n  "tags": [\n    "a"\n  ]\n}'],
      ['2', '1', 'message', '', 'plain text\nsecond line'],
    ])
    expect(screen.getByText('2 events')).toBeTruthy()
  })

  it('reads a body that is not inline from the body store', async () => {
    // The body store's side of the wire, as the page sees it (jsdom has no server to read from).
    const fetched: string[] = []
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
      fetched.push(String(input))
      return new Response('event: stored\ndata: [1,2]\n\n', { headers: { 'Content-Type': 'text/event-stream' } })
    })
    onTestFinished(() => fetchSpy.mockRestore())
    const url = '/api/responses/rec-sse/body'
    renderBody(sseRecord({ inline: null, url }))
    const table = await screen.findByRole('table', { name: 'Events' })
    expect(tableRows(table)[1]).toEqual(['1', '', 'stored', '[\n  1,\n  2\n]'])
    expect(fetched).toEqual([url])
  })

  it('says so when the stream holds no complete event', async () => {
    renderBody(sseRecord({ inline: 'data: cut off', size: 13 }))
    expect(await screen.findByText(/No complete event in this stream/)).toBeTruthy()
  })
})
