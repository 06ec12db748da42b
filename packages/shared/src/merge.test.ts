import { describe, expect, it } from 'vitest'
import { mergeEnvironment, mergeFields, mergeInheritable, mergeItem, withRequestField } from './merge.js'
import { describeChanges } from './version-changes.js'
import { emptyRequestSpec, type RequestSpec } from './request-spec.js'
import type { Folder, SavedRequestItem } from './collection.js'

const spec = (over: Partial<RequestSpec> = {}): RequestSpec => ({
  ...emptyRequestSpec(),
  url: 'https://api.test/users',
  ...over,
})
const item = (over: Partial<SavedRequestItem> = {}, request: Partial<RequestSpec> = {}): SavedRequestItem => ({
  id: 'r1',
  kind: 'request',
  collectionId: 'c1',
  parentId: null,
  name: 'Users',
  position: 0,
  version: 1,
  updatedAt: '2026-01-01T00:00:00.000Z',
  request: spec(request),
  ...over,
})

describe('mergeFields', () => {
  it('takes the one side that changed a field, and both sides of different fields', () => {
    const r = mergeFields({ a: 1, b: 1, c: 1 }, { a: 2, b: 1, c: 1 }, { a: 1, b: 3, c: 1 })
    expect(r.merged).toEqual({ a: 2, b: 3, c: 1 })
    expect(r.conflicts).toEqual([])
    expect(r.fromTheirs).toEqual(['b'])
  })

  it('the same change on both sides is no conflict', () => {
    const r = mergeFields({ a: [1] }, { a: [1, 2] }, { a: [1, 2] })
    expect(r.conflicts).toEqual([])
    expect(r.merged).toEqual({ a: [1, 2] })
  })

  it('different changes to one field are a conflict with all three values', () => {
    const r = mergeFields({ a: 'x' }, { a: 'mine' }, { a: 'theirs' })
    expect(r.conflicts).toEqual([{ field: 'a', label: 'a', base: 'x', mine: 'mine', theirs: 'theirs' }])
  })

  it('a field deleted on one side and untouched on the other stays deleted; deleted vs changed conflicts', () => {
    expect(mergeFields({ a: 1, b: 1 }, { b: 1 }, { a: 1, b: 1 }).merged).toEqual({ b: 1 })
    expect(mergeFields({ a: 1 }, {}, { a: 2 }).conflicts.map((c) => c.field)).toEqual(['a'])
  })

  it('a field added by both with the same value is kept once; with different values it conflicts', () => {
    expect(mergeFields({}, { n: 1 }, { n: 1 }).merged).toEqual({ n: 1 })
    expect(mergeFields({}, { n: 1 }, { n: 2 }).conflicts).toHaveLength(1)
  })

  it('compares deeply, ignoring key order and undefined keys', () => {
    const r = mergeFields({ s: { a: 1, b: 2 } }, { s: { b: 2, a: 1, c: undefined } }, { s: { a: 1, b: 3 } })
    expect(r.conflicts).toEqual([])
    expect(r.merged.s).toEqual({ a: 1, b: 3 })
  })
})

describe('mergeItem (requests)', () => {
  it('keeps my URL and their header', () => {
    const base = item()
    const mine = item({}, { url: 'https://api.test/people' })
    const theirs = item({ version: 2 }, { headers: [['X-Trace', '1', true]] })
    const r = mergeItem(base, mine, theirs)
    expect(r.conflicts).toEqual([])
    expect(r.merged.request.url).toBe('https://api.test/people')
    expect(r.merged.request.headers).toEqual([['X-Trace', '1', true]])
    expect(r.merged.version).toBe(2)
    expect(r.fromTheirs).toEqual(['headers'])
  })

  it('both changing the URL is one conflict labelled for people', () => {
    const r = mergeItem(item(), item({}, { url: 'https://a.test' }), item({}, { url: 'https://b.test' }))
    expect(r.conflicts).toHaveLength(1)
    expect(r.conflicts[0]).toMatchObject({
      field: 'url',
      label: 'URL and query params',
      base: { url: 'https://api.test/users' },
      mine: { url: 'https://a.test' },
      theirs: { url: 'https://b.test' },
    })
  })

  it('the URL and its params move together: params changed by one side conflict with a URL changed by the other', () => {
    const r = mergeItem(
      item(),
      item({}, { url: 'https://api.test/users?page=2', params: [['page', '2', true]] }),
      item({}, { url: 'https://api.test/users/me' }),
    )
    expect(r.conflicts.map((c) => c.field)).toEqual(['url'])
  })

  it('merges name, method, body, auth and settings independently', () => {
    const r = mergeItem(
      item(),
      item({ name: 'All users' }, { method: 'POST', body: { kind: 'json', text: '{}' } }),
      item({}, { auth: { type: 'bearer', token: 't', prefix: 'Bearer' }, settings: { timeoutMs: 5 } }),
    )
    expect(r.conflicts).toEqual([])
    expect(r.merged.name).toBe('All users')
    expect(r.merged.request).toMatchObject({
      method: 'POST',
      body: { kind: 'json', text: '{}' },
      auth: { type: 'bearer', token: 't' },
      settings: { timeoutMs: 5 },
    })
  })

  it('headers are one field: two different header edits conflict', () => {
    const r = mergeItem(item(), item({}, { headers: [['A', '1', true]] }), item({}, { headers: [['B', '1', true]] }))
    expect(r.conflicts.map((c) => c.field)).toEqual(['headers'])
  })

  it('nothing changed on either side merges to theirs', () => {
    const theirs = item({ version: 5 })
    expect(mergeItem(item(), item(), theirs)).toEqual({ merged: theirs, conflicts: [], fromTheirs: [] })
  })

  it('withRequestField copies the URL and its params together', () => {
    const into = spec()
    const from = spec({ url: 'https://x.test?a=1', params: [['a', '1', true]] })
    expect(withRequestField(into, from, 'url')).toMatchObject({ url: 'https://x.test?a=1', params: [['a', '1', true]] })
  })
})

describe('mergeInheritable (folders and collections)', () => {
  const folder = (over: Partial<Folder> = {}): Folder => ({
    id: 'f',
    kind: 'folder',
    collectionId: 'c',
    parentId: null,
    name: 'F',
    position: 0,
    version: 1,
    updatedAt: '',
    description: '',
    auth: { type: 'inherit' },
    headers: [],
    variables: [],
    scripts: { preRequest: '', test: '' },
    ...over,
  })
  it('my description and their auth are both kept; both renaming differently conflicts', () => {
    const r = mergeItem(folder(), folder({ description: 'mine' }), folder({ auth: { type: 'none' } }))
    expect(r.conflicts).toEqual([])
    expect(r.merged).toMatchObject({ description: 'mine', auth: { type: 'none' } })
    expect(mergeInheritable(folder(), folder({ name: 'A' }), folder({ name: 'B' })).conflicts[0]?.field).toBe('name')
  })
})

describe('mergeEnvironment (per variable)', () => {
  const v = (name: string, value: string, secret = false) => ({ name, value, enabled: true, secret })
  const env = (...variables: ReturnType<typeof v>[]) => ({ name: 'dev', variables })
  it('different variables changed on each side are both kept, in their order, mine added at the end', () => {
    const r = mergeEnvironment(
      env(v('a', '1'), v('b', '1')),
      env(v('a', '2'), v('b', '1'), v('c', 'new')),
      env(v('b', '3'), v('a', '1')),
    )
    expect(r.conflicts).toEqual([])
    expect(r.merged.variables).toEqual([v('b', '3'), v('a', '2'), v('c', 'new')])
  })
  it('one side removing a variable the other left alone removes it; the same variable changed twice conflicts', () => {
    expect(mergeEnvironment(env(v('a', '1')), env(), env(v('a', '1'))).merged.variables).toEqual([])
    const r = mergeEnvironment(env(v('a', '1')), env(v('a', '2')), env(v('a', '3')))
    expect(r.conflicts).toEqual([
      {
        field: 'variable:a',
        label: 'Variable “a”',
        base: { value: '1', enabled: true, secret: false },
        mine: { value: '2', enabled: true, secret: false },
        theirs: { value: '3', enabled: true, secret: false },
      },
    ])
  })
})

describe('describeChanges', () => {
  it('says in words what changed', () => {
    expect(describeChanges(undefined, item())).toEqual(['created'])
    expect(
      describeChanges(item(), item({ name: 'U2' }, { url: 'https://x.test', headers: [['X-A', '1', true]] })),
    ).toEqual(['renamed to “U2”', 'URL changed', 'header “X-A” added'])
    expect(describeChanges(item({}, { headers: [['X-A', '1', true]] }), item())).toEqual(['header “X-A” removed'])
    expect(describeChanges(item(), item())).toEqual(['no change'])
    expect(
      describeChanges(
        { name: 'dev', variables: [{ name: 'a', value: '1', enabled: true, secret: false }] },
        { name: 'dev', variables: [] },
      ),
    ).toEqual(['variable “a” removed'])
  })
})

describe('without a base', () => {
  it('every field the two sides disagree on is a conflict, the rest merges', () => {
    const r = mergeItem(null, item({}, { url: 'https://a.test' }), item())
    expect(r.conflicts.map((c) => c.field)).toEqual(['url'])
    expect(r.conflicts[0]?.base).toBeUndefined()
    expect(mergeItem(null, item(), item()).conflicts).toEqual([])
  })
})
