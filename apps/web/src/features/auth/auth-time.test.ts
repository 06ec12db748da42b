import { describe, expect, it } from 'vitest'
import { claimTime, relativeTime } from './auth-time'

describe('relativeTime', () => {
  it('says how far ahead or behind, in the largest fitting unit', () => {
    const now = Date.parse('2026-01-01T12:00:00Z')
    expect(relativeTime('2026-01-01T12:59:00Z', now)).toBe('in 59 min')
    expect(relativeTime('2026-01-01T11:57:00Z', now)).toBe('3 min ago')
    expect(relativeTime('2026-01-01T12:00:20Z', now)).toBe('in 20 s')
    expect(relativeTime('2026-01-03T12:00:00Z', now)).toBe('in 2 d')
  })

  it('reads only time claims', () => {
    expect(claimTime('sub', 1)).toBeNull()
    expect(claimTime('exp', 'soon')).toBeNull()
    expect(claimTime('exp', 1_700_000_000)).toMatch(/ago\)$/)
  })
})
