import { describe, expect, it } from 'vitest'
import { captureQuery, NO_FILTERS, pathOf, statusFilter } from './capture-filters'
import { parseOrigins } from './origins'

describe('capture filters', () => {
  it('asks for every mount with no filter, and passes the ones set', () => {
    expect(captureQuery(NO_FILTERS, 50)).toEqual({ limit: 50, capture: '*' })
    expect(captureQuery({ mount: 'api', method: 'POST', status: '4XX', path: ' /users ' }, 50)).toEqual({
      limit: 50,
      capture: 'api',
      method: 'POST',
      status: '4xx',
      path: '/users',
    })
  })

  it('takes a code, a class or error as status, and says what else is wrong', () => {
    expect(statusFilter('404')).toEqual({ value: '404' })
    expect(statusFilter('error')).toEqual({ value: 'error' })
    expect(statusFilter('')).toEqual({})
    expect(statusFilter('40').problem).toMatch(/404/)
    expect(captureQuery({ ...NO_FILTERS, status: 'nope' })).not.toHaveProperty('status')
  })

  it('shows the path and query as stored', () => {
    expect(pathOf('http://127.0.0.1:9/api/users?page=2')).toBe('/api/users?page=2')
    expect(pathOf('http://host')).toBe('/')
  })
})

describe('parseOrigins', () => {
  it('reads one per line or comma separated, trims and dedupes', () => {
    expect(parseOrigins('http://localhost:5173/\n http://127.0.0.1:3000 , http://localhost:5173')).toEqual({
      origins: ['http://localhost:5173', 'http://127.0.0.1:3000'],
      problems: [],
    })
  })

  it('names what is not an origin; * only where allowed', () => {
    expect(parseOrigins('localhost:5173, *').problems).toHaveLength(2)
    expect(parseOrigins('*', true)).toEqual({ origins: ['*'], problems: [] })
    expect(parseOrigins('http://a.test/path').problems[0]).toMatch(/not an origin/)
  })
})
