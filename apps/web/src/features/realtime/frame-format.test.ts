import type { Frame } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { frameSummary, frameTime, frameTypeLabel, matchesFilter, NO_FILTER, prettyData } from './frame-format'

const base: Frame = { seq: 1, at: 0, dir: 'in', type: 'text', size: 2, data: 'hi', encoding: 'utf8' }

describe('frame format', () => {
  it('shows time to the millisecond', () => {
    const at = new Date(2026, 0, 2, 3, 4, 5, 67).getTime()
    expect(frameTime(at)).toBe('03:04:05.067')
  })
  it('labels close codes and event names', () => {
    expect(frameTypeLabel({ ...base, type: 'close', code: 1000 })).toBe('close 1000')
    expect(frameTypeLabel({ ...base, type: 'event', event: 'tick' })).toBe('tick')
    expect(frameTypeLabel(base)).toBe('text')
  })
  it('summarises binary as hex and text on one line', () => {
    expect(frameSummary({ ...base, type: 'binary', encoding: 'base64', data: btoa('\x00\x01\xff') })).toBe('00 01 ff')
    expect(frameSummary({ ...base, data: 'a\n  b' })).toBe('a b')
  })
  it('pretty-prints JSON only', () => {
    expect(prettyData('{"a":1}')).toEqual({ text: '{\n  "a": 1\n}', json: true })
    expect(prettyData('{oops')).toEqual({ text: '{oops', json: false })
  })
  it('filters by direction, type and text without case', () => {
    expect(matchesFilter(base, { ...NO_FILTER, dir: 'out' })).toBe(false)
    expect(matchesFilter(base, { ...NO_FILTER, type: 'binary' })).toBe(false)
    expect(matchesFilter(base, { ...NO_FILTER, search: 'HI' })).toBe(true)
    expect(matchesFilter(base, { ...NO_FILTER, search: 'no' })).toBe(false)
  })
})
