import { FILES_ACTOR } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { changedBy, initials, keysFor } from './live-keys'

describe('live changes in the page', () => {
  it('makes stale exactly the queries a change touches', () => {
    expect(keysFor('item')).toEqual([['collections']])
    expect(keysFor('collection')).toEqual([['collections']])
    expect(keysFor('environment')).toEqual([['environments']])
    expect(keysFor('presence')).toEqual([['presence']])
  })

  it('says who changed a request, and another tab of the single user as such', () => {
    expect(changedBy({ by: { userId: 'u1', name: 'Ann' } })).toBe('Changed by Ann')
    expect(changedBy({ by: { userId: 'local', name: 'You' } })).toBe('Changed in another tab')
    expect(changedBy({ by: FILES_ACTOR })).toBe('Changed in the workspace files')
  })

  it('shows initials of one or several names', () => {
    expect(initials('Ann Lee')).toBe('AL')
    expect(initials('carl')).toBe('CA')
    expect(initials('Jean Paul Sartre')).toBe('JS')
  })
})
