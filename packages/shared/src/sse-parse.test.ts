import { describe, expect, it } from 'vitest'
import { isEventStreamContentType, parseEventStream, SseParser, type SseEvent } from './sse-parse.js'

const bytes = (text: string) => new TextEncoder().encode(text)

/** The events of `stream` fed as two chunks split at byte `at` (every split must give the same). */
function splitAt(stream: Uint8Array, at: number): SseEvent[] {
  const parser = new SseParser()
  return [...parser.push(stream.subarray(0, at)), ...parser.push(stream.subarray(at)), ...parser.end()]
}

function oneByteAtATime(stream: Uint8Array): SseEvent[] {
  const parser = new SseParser()
  const events: SseEvent[] = []
  for (let i = 0; i < stream.length; i++) events.push(...parser.push(stream.subarray(i, i + 1)))
  return [...events, ...parser.end()]
}

/** Parses whole, split at every byte and byte by byte, and checks all agree. */
function parseEverySplit(text: string | Uint8Array): SseEvent[] {
  const stream = typeof text === 'string' ? bytes(text) : text
  const whole = parseEventStream(stream)
  for (let at = 0; at <= stream.length; at++) expect(splitAt(stream, at), `split at byte ${at}`).toEqual(whole)
  expect(oneByteAtATime(stream)).toEqual(whole)
  return whole
}

describe('sse-parse: the HTML standard examples (§9.2.6)', () => {
  it('joins data lines with a newline (the stock ticker)', () => {
    expect(parseEverySplit('data: YHOO\ndata: +2\ndata: 10\n\n')).toEqual([
      { event: 'message', data: 'YHOO\n+2\n10', id: '' },
    ])
  })

  it('keeps ids across events, resets on an empty id, strips only one space', () => {
    const stream = ': test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n\n'
    expect(parseEverySplit(stream)).toEqual([
      { event: 'message', data: 'first event', id: '1' },
      { event: 'message', data: 'second event', id: '' },
      { event: 'message', data: ' third event', id: '' },
    ])
  })

  it('fires empty and newline data, and drops a block not ended by a blank line', () => {
    expect(parseEverySplit('data\n\ndata\ndata\n\ndata:')).toEqual([
      { event: 'message', data: '', id: '' },
      { event: 'message', data: '\n', id: '' },
    ])
  })

  it('treats "data:test" and "data: test" the same', () => {
    expect(parseEverySplit('data:test\n\ndata: test\n\n')).toEqual([
      { event: 'message', data: 'test', id: '' },
      { event: 'message', data: 'test', id: '' },
    ])
  })
})

describe('sse-parse: the interpretation rules', () => {
  it('ends lines at CRLF, LF and CR alike, also when a CRLF is split between chunks', () => {
    expect(parseEverySplit('data: a\r\ndata: b\rdata: c\n\r\ndata: d\r\r')).toEqual([
      { event: 'message', data: 'a\nb\nc', id: '' },
      { event: 'message', data: 'd', id: '' },
    ])
  })

  it('drops one leading BOM only', () => {
    expect(parseEverySplit('\uFEFFdata: x\n\n')).toEqual([{ event: 'message', data: 'x', id: '' }])
    // A second BOM is part of the first line's field name, which is then unknown.
    expect(parseEverySplit('\uFEFF\uFEFFdata: x\n\ndata: y\n\n')).toEqual([{ event: 'message', data: 'y', id: '' }])
    expect(parseEventStream('\uFEFFdata: text\n\n')).toEqual([{ event: 'message', data: 'text', id: '' }])
  })

  it('names events with `event`, which resets after each dispatch', () => {
    expect(parseEverySplit('event: add\ndata: 1\n\ndata: 2\n\nevent: skipped\n\ndata: 3\n\n')).toEqual([
      { event: 'add', data: '1', id: '' },
      { event: 'message', data: '2', id: '' },
      { event: 'message', data: '3', id: '' },
    ])
  })

  it('ignores an id holding NUL and keeps the last id across events and empty blocks', () => {
    const parser = new SseParser()
    const events = [
      ...parser.push(bytes('id: 7\ndata: a\n\nid: bad\u0000id\ndata: b\n\nid: 9\n\n')),
      ...parser.push('data: c\n\n'),
    ]
    expect(events.map((e) => e.id)).toEqual(['7', '7', '9'])
    expect(parser.lastEventId).toBe('9')
  })

  it('takes `retry` only as ASCII digits, reported with its own event', () => {
    const parser = new SseParser()
    const events = parser.push(
      'retry: 1500\ndata: a\n\nretry: 2x\ndata: b\n\nretry: -1\nretry: 1e3\nretry:  5\ndata: c\n\n',
    )
    expect(events).toEqual([
      { event: 'message', data: 'a', id: '', retry: 1500 },
      { event: 'message', data: 'b', id: '' },
      { event: 'message', data: 'c', id: '' },
    ])
    expect(parser.retry).toBe(1500)
    // A retry-only block changes the reconnection time without an event.
    expect(parser.push('retry: 250\n\ndata: d\n\n')).toEqual([{ event: 'message', data: 'd', id: '' }])
    expect(parser.retry).toBe(250)
  })

  it('ignores comments and unknown fields; a field without a colon has an empty value', () => {
    expect(parseEverySplit(':comment\nfoo: bar\nevent\ndata\n\n: ping\n\n')).toEqual([
      { event: 'message', data: '', id: '' },
    ])
  })

  it('decodes UTF-8 split inside a character and replaces invalid bytes', () => {
    const snow = parseEverySplit('data: ☃ é 𝄞\n\n')
    expect(snow).toEqual([{ event: 'message', data: '☃ é 𝄞', id: '' }])
    const invalid = new Uint8Array([...bytes('data: '), 0xff, 0xc3, ...bytes('\n\n')])
    expect(parseEverySplit(invalid)).toEqual([{ event: 'message', data: '\uFFFD\uFFFD', id: '' }])
  })

  it('resumes from a Last-Event-ID given at the start', () => {
    const parser = new SseParser('41')
    expect(parser.push('data: next\n\n')).toEqual([{ event: 'message', data: 'next', id: '41' }])
  })

  it('recognises the content type with parameters', () => {
    expect(isEventStreamContentType('text/event-stream; charset=utf-8')).toBe(true)
    expect(isEventStreamContentType('Text/Event-Stream')).toBe(true)
    expect(isEventStreamContentType('text/plain')).toBe(false)
    expect(isEventStreamContentType(null)).toBe(false)
  })
})
