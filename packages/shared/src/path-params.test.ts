import { describe, expect, it } from 'vitest'
import { pathParamNames, substitutePathParams, syncPathParams } from './path-params.js'

describe('path params', () => {
  it('finds :name and {name} segments but not the port or {{variables}}', () => {
    expect(pathParamNames('http://localhost:8080/users/:id/posts/{postId}?x=:no')).toEqual(['id', 'postId'])
    expect(pathParamNames('{{baseUrl}}/orgs/:org/{{version}}')).toEqual(['org'])
  })

  it('keeps typed values when the URL changes', () => {
    expect(syncPathParams('http://h/a/:id/:other', [['id', '42']])).toEqual([
      ['id', '42'],
      ['other', ''],
    ])
  })

  it('substitutes encoded values and leaves empty ones as typed', () => {
    expect(
      substitutePathParams('http://h/u/:id/{kind}/:empty?q=1', [
        ['id', 'a b/c'],
        ['kind', '{{k}}'],
        ['empty', ''],
      ]),
    ).toBe('http://h/u/a%20b%2Fc/{{k}}/:empty?q=1')
  })
})
