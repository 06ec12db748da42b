import { describe, expect, it } from 'vitest'
import { groupByDay } from './group-by-day'

const entry = (createdAt: string) => ({
  id: createdAt,
  createdAt,
  method: 'GET',
  url: 'http://x',
  status: 200,
  errorCode: null,
  durationMs: 1,
  size: 1,
})

describe('groupByDay', () => {
  it('labels today and yesterday and keeps newest first', () => {
    const now = new Date(2026, 10, 22, 15, 0)
    const groups = groupByDay(
      [
        entry(new Date(2026, 10, 22, 9).toISOString()),
        entry(new Date(2026, 10, 22, 8).toISOString()),
        entry(new Date(2026, 10, 21, 23).toISOString()),
        entry(new Date(2026, 10, 3, 10).toISOString()),
      ],
      now,
    )
    expect(groups.map((g) => [g.label, g.items.length])).toEqual([
      ['Today', 2],
      ['Yesterday', 1],
      [expect.stringContaining('3'), 1],
    ])
  })
})
