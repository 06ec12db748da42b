import type { HistoryEntry } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { compareExchanges } from './compare-exchanges'

function entry(status: number, headers: [string, string][], inline: string | null, size = inline?.length ?? 0) {
  return {
    response: {
      status,
      headers,
      body: { contentType: 'application/json', size, url: '/b', inline, isText: true, truncated: false },
    },
  } as unknown as HistoryEntry
}

describe('compareExchanges', () => {
  it('says the status, the headers added, removed and changed, and the body', () => {
    const result = compareExchanges(
      entry(
        200,
        [
          ['Content-Type', 'application/json'],
          ['X-Old', '1'],
          ['Cache-Control', 'no-cache'],
          ['Date', 'a'],
        ],
        '{"a":1}',
      ),
      entry(
        404,
        [
          ['content-type', 'application/json'],
          ['X-New', '2'],
          ['cache-control', 'max-age=60'],
          ['Date', 'b'],
        ],
        '{"a":22}',
      ),
    )
    expect(result.status).toEqual({ from: 200, to: 404 })
    expect(result.added).toEqual([['x-new', '2']])
    expect(result.removed).toEqual([['x-old', '1']])
    expect(result.changed).toEqual([{ name: 'cache-control', from: 'no-cache', to: 'max-age=60' }])
    expect(result.bodyChanged).toBe(true)
    expect(result.words).toEqual([
      'Status changed from 200 to 404.',
      'Headers added: x-new.',
      'Headers removed: x-old.',
      'Headers changed: cache-control.',
      'Body changed (7 → 8 bytes).',
    ])
  })

  it('says when nothing changed, and when bodies could only be compared by size', () => {
    const same = compareExchanges(
      entry(
        200,
        [
          ['A', '1'],
          ['Content-Length', '1'],
          ['Date', 'a'],
        ],
        'x',
      ),
      entry(
        200,
        [
          ['a', '1'],
          ['content-length', '1'],
          ['Date', 'b'],
        ],
        'x',
      ),
    )
    expect(same.words).toEqual(['Status is the same (200).', 'Headers are the same.', 'Body is the same.'])
    expect(compareExchanges(entry(200, [], null, 10), entry(200, [], null, 10)).bodyChanged).toBeNull()
    expect(compareExchanges(entry(200, [], 'aa'), entry(200, [], 'bb')).bodyChanged).toBe(true)
  })
})
