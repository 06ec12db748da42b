import { describe, expect, it } from 'vitest'
import { RequestSpecSchema, type RequestSpecInput } from '../request-spec.js'
import { describeRequestChange } from './describe-change.js'

const spec = (input: Partial<RequestSpecInput> = {}) =>
  RequestSpecSchema.parse({ method: 'GET', url: 'http://127.0.0.1:1/a', ...input })

describe('describeRequestChange', () => {
  it('says nothing for the same request', () => {
    expect(describeRequestChange(spec(), spec())).toEqual([])
  })

  it('names headers added, removed, changed, disabled (by name, case-insensitive)', () => {
    const before = spec({
      headers: [
        ['Accept', 'json', true],
        ['X-Old', '1', true],
        ['X-Flag', 'a', true],
      ],
    })
    const after = spec({
      headers: [
        ['accept', 'json', true],
        ['X-Flag', 'a', false],
        ['X-Api-Key', 'k', true],
      ],
    })
    expect(describeRequestChange(before, after)).toEqual([
      'header Accept renamed to accept',
      'header X-Old removed',
      'header X-Flag disabled',
      'header X-Api-Key added',
    ])
    const swapped = spec({
      headers: [
        ['X-Flag', 'a', true],
        ['X-Old', '1', true],
        ['Accept', 'json', true],
      ],
    })
    expect(describeRequestChange(before, swapped)).toEqual(['headers reordered'])
    expect(describeRequestChange(spec({ headers: [['A', '1', true]] }), spec({ headers: [['A', '2', true]] }))).toEqual(
      ['header A changed'],
    )
  })

  it('says URL, method, query and path parameters changed', () => {
    const after = spec({
      method: 'POST',
      url: 'http://127.0.0.1:1/b?x=1',
      params: [['x', '1', true]],
      pathParams: [['id', '2']],
    })
    expect(describeRequestChange(spec({ pathParams: [['id', '1']] }), after)).toEqual([
      'method changed from GET to POST',
      'URL changed',
      'query parameter x added',
      'path parameter id changed',
    ])
  })

  it('says body changed, or changed to another kind', () => {
    expect(
      describeRequestChange(spec({ body: { kind: 'json', text: '{}' } }), spec({ body: { kind: 'json', text: '[]' } })),
    ).toEqual(['body changed'])
    expect(describeRequestChange(spec(), spec({ body: { kind: 'graphql', query: '{ a }' } }))).toEqual([
      'body changed to GraphQL',
    ])
  })

  it('says auth changed to a type, or that its settings changed', () => {
    expect(describeRequestChange(spec(), spec({ auth: { type: 'bearer', token: 't' } }))).toEqual([
      'auth changed to Bearer',
    ])
    expect(
      describeRequestChange(
        spec({ auth: { type: 'bearer', token: 't' } }),
        spec({ auth: { type: 'bearer', token: 'u' } }),
      ),
    ).toEqual(['Bearer auth changed'])
    expect(
      describeRequestChange(spec({ auth: { type: 'bearer', token: 't' } }), spec({ auth: { type: 'inherit' } })),
    ).toEqual(['auth changed to inherited'])
  })

  it('says scripts, settings, cookies, captures, assertions, examples and realtime changed', () => {
    const after = spec({
      scripts: { preRequest: 'a', test: 'b' },
      settings: { timeoutMs: 5 },
      cookies: 'a=1',
      captures: [{ variable: 'id', source: 'status' }],
      assertions: [{ source: 'status', operator: 'equals', value: '200' }],
      examples: [{ name: 'ok' }],
      realtime: { kind: 'sse' },
    })
    expect(describeRequestChange(spec(), after)).toEqual([
      'cookies changed',
      'settings changed',
      'pre-request script changed',
      'test script changed',
      'capture id added',
      '1 assertion added',
      'example ok added',
      'made a realtime session',
    ])
    expect(
      describeRequestChange(after, spec({ ...after, examples: [{ name: 'ok', status: 404 }], captures: [] })),
    ).toEqual(['capture id removed', 'example ok changed'])
  })
})
