import { describe, expect, it } from 'vitest'
import { overrideOf, withChoice } from './route-choices'

describe('withChoice', () => {
  it('adds, changes and drops a route choice', () => {
    const one = withChoice([], 'GET /pets', { example: 'Empty' })
    expect(one).toEqual([{ route: 'GET /pets', example: 'Empty', status: null, delayMs: null }])
    const two = withChoice(one, 'GET /pets', { status: 418 })
    expect(two).toEqual([{ route: 'GET /pets', example: 'Empty', status: 418, delayMs: null }])
    expect(withChoice(withChoice(two, 'GET /pets', { example: null }), 'GET /pets', { status: null })).toEqual([])
  })
})

describe('overrideOf', () => {
  it('reads empty as none and refuses what is out of range', () => {
    expect(overrideOf('', 100, 599)).toEqual({ value: null })
    expect(overrideOf(' 418 ', 100, 599)).toEqual({ value: 418 })
    expect(overrideOf('99', 100, 599)).toHaveProperty('problem')
    expect(overrideOf('1.5', 0, 10)).toHaveProperty('problem')
  })
})
