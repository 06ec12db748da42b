import { describe, expect, it } from 'vitest'
import { draftReducer, newDraft } from './draft-reducer'

describe('draftReducer', () => {
  it('fills the params table from a typed URL, repeated keys included', () => {
    const draft = draftReducer(newDraft(), { type: 'set-url', url: 'https://api.test/search?tag=a&tag=b&q=caf%C3%A9' })
    expect(draft.spec.params).toEqual([
      ['tag', 'a', true],
      ['tag', 'b', true],
      ['q', 'café', true],
    ])
  })

  it('writes the URL from the params table, encoding what must be', () => {
    let draft = draftReducer(newDraft(), { type: 'set-url', url: 'https://api.test/search' })
    draft = draftReducer(draft, {
      type: 'set-params',
      params: [
        ['q', 'red shoes', true],
        ['page', '2', true],
      ],
    })
    expect(draft.spec.url).toBe('https://api.test/search?q=red%20shoes&page=2')
  })

  it('keeps a disabled param when the URL is edited afterwards', () => {
    let draft = draftReducer(newDraft(), { type: 'set-url', url: 'https://api.test/s?a=1&b=2' })
    draft = draftReducer(draft, {
      type: 'set-params',
      params: [
        ['a', '1', true],
        ['b', '2', false],
      ],
    })
    expect(draft.spec.url).toBe('https://api.test/s?a=1')
    draft = draftReducer(draft, { type: 'set-url', url: 'https://api.test/s?a=9' })
    expect(draft.spec.params).toEqual([
      ['a', '9', true],
      ['b', '2', false],
    ])
  })

  it('offers a Path row for each :name and {name} segment, keeping typed values', () => {
    let draft = draftReducer(newDraft(), { type: 'set-url', url: 'https://api.test/users/:id' })
    draft = draftReducer(draft, { type: 'set-path-params', pathParams: [['id', '42']] })
    draft = draftReducer(draft, { type: 'set-url', url: 'https://api.test/users/:id/posts/{postId}' })
    expect(draft.spec.pathParams).toEqual([
      ['id', '42'],
      ['postId', ''],
    ])
  })

  it('remembers each body kind while switching between them', () => {
    let draft = draftReducer(newDraft(), { type: 'set-body-kind', kind: 'json' })
    draft = draftReducer(draft, { type: 'set-body', body: { kind: 'json', text: '{"a":1}' } })
    draft = draftReducer(draft, { type: 'set-body-kind', kind: 'raw' })
    expect(draft.spec.body).toEqual({ kind: 'raw', text: '', contentType: 'text/plain' })
    draft = draftReducer(draft, { type: 'set-body-kind', kind: 'json' })
    expect(draft.spec.body).toEqual({ kind: 'json', text: '{"a":1}' })
  })

  it('gives a loaded request a new document key so editors adopt its text', () => {
    const draft = draftReducer(newDraft(), { type: 'load', spec: { ...newDraft().spec, url: 'http://x.test' } })
    expect(draft.documentKey).toBe(1)
    expect(draft.spec.url).toBe('http://x.test')
  })

  it('keeps the assertions rows in the spec, where saving and the workspace document take them', () => {
    const row = { enabled: true, source: 'json', expression: '$.name', operator: 'equals', value: 'Ada' } as const
    const draft = draftReducer(newDraft(), { type: 'set-assertions', assertions: [row] })
    expect(draft.spec.assertions).toEqual([row])
    expect(draftReducer(draft, { type: 'set-url', url: 'http://x.test' }).spec.assertions).toEqual([row])
  })

  it('makes an HTTP request a WebSocket one when a ws:// URL is typed, and back to HTTP by choice', () => {
    let draft = draftReducer(newDraft(), { type: 'set-url', url: 'wss://echo.test/socket' })
    expect(draft.spec.realtime?.kind).toBe('websocket')
    draft = draftReducer(draft, { type: 'set-realtime', realtime: undefined })
    expect(draft.spec).not.toHaveProperty('realtime')
    expect(draftReducer(newDraft(), { type: 'set-url', url: 'https://a.test' }).spec).not.toHaveProperty('realtime')
  })
})
