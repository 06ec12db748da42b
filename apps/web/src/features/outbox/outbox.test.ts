// @vitest-environment jsdom

import { emptyRequestSpec } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { ApiError } from '../../shared/api/proxy-client'
import { dropChange, keepChange, keptReason, keptSentence, outboxKey, parseKept, type KeptChange } from './kept-changes'
import { Outbox } from './outbox'

const change = (
  itemId: string,
  url: string,
  baseVersion = 3,
  reason: KeptChange['reason'] = 'offline',
): KeptChange => ({
  itemId,
  title: itemId,
  baseVersion,
  spec: { ...emptyRequestSpec(), url },
  reason,
  keptAt: '2026-12-02T04:00:00.000Z',
})

describe('kept changes', () => {
  it('keeps saves in order, and a second save of one request replaces its spec but keeps the first base', () => {
    let list = keepChange([], change('a', 'http://x/1', 3))
    list = keepChange(list, change('b', 'http://x/b', 7))
    list = keepChange(list, change('a', 'http://x/2', 4))
    expect(list.map((kept) => [kept.itemId, (kept as KeptChange).spec.url, kept.baseVersion])).toEqual([
      ['a', 'http://x/2', 3],
      ['b', 'http://x/b', 7],
    ])
  })

  it('drops the replayed change, but not a newer save kept while the replay was under way', () => {
    const list = [change('a', 'http://x/2'), change('b', 'http://x/b')]
    expect(dropChange(list, 'a', change('a', 'http://x/2').spec).map((k) => k.itemId)).toEqual(['b'])
    expect(dropChange(list, 'a', change('a', 'http://x/1').spec).map((k) => k.itemId)).toEqual(['a', 'b'])
    expect(dropChange(list, 'b').map((k) => k.itemId)).toEqual(['a'])
  })

  it('reads back what it stored and leaves out whatever is not a kept change', () => {
    const good = change('a', 'http://x/1')
    expect(parseKept(JSON.stringify([good, { itemId: 'b' }, 'junk']))).toEqual([good])
    expect(parseKept('{not json')).toEqual([])
    expect(parseKept(null)).toEqual([])
    expect(parseKept('{"itemId":"a"}')).toEqual([])
  })

  it('keeps network failures and ended sessions; any answer of the server is not kept', () => {
    expect(keptReason(new ApiError('INTERNAL', 'Courier is not reachable.', 0))).toBe('offline')
    expect(keptReason(new ApiError('UNAUTHORIZED', 'signed out', 401))).toBe('signed-out')
    expect(keptReason(new ApiError('STORAGE_CONFLICT', 'changed', 409))).toBeNull()
    expect(keptReason(new ApiError('FORBIDDEN', 'viewer', 403))).toBeNull()
    expect(keptReason(new Error('boom'))).toBeNull()
  })

  it('says how many wait and what will save them', () => {
    expect(keptSentence([change('a', 'u')])).toBe(
      '1 change is not saved yet — kept in this browser, it will be saved when you are back online.',
    )
    expect(keptSentence([change('a', 'u'), change('b', 'u', 1, 'signed-out')])).toBe(
      '2 changes are not saved yet — kept in this browser, they will be saved after you sign in again.',
    )
  })

  it('is one outbox per server, person and workspace', () => {
    const keys = new Set([
      outboxKey('http://a:1', 'u1', null),
      outboxKey('http://a:1', 'u1', 'w1'),
      outboxKey('http://a:1', 'u2', 'w1'),
      outboxKey('http://b:1', 'u1', 'w1'),
    ])
    expect(keys.size).toBe(4)
  })
})

describe('Outbox', () => {
  it('survives a new page (a reload) through storage, and tells its listeners', () => {
    localStorage.clear()
    const key = outboxKey('http://a:1', 'u1', 'w1')
    const first = new Outbox(key)
    let heard = 0
    first.subscribe(() => heard++)
    first.keep(change('a', 'http://x/1'))
    first.keep(change('b', 'http://x/b'))
    expect(heard).toBe(2)

    const afterReload = new Outbox(key)
    expect(afterReload.get().map((k) => (k as KeptChange).spec.url)).toEqual(['http://x/1', 'http://x/b'])
    expect(new Outbox(outboxKey('http://a:1', 'u2', 'w1')).get()).toEqual([])

    afterReload.drop('a', change('a', 'http://x/1').spec)
    afterReload.drop('b')
    expect(localStorage.getItem(key)).toBeNull()
    first.reload()
    expect(first.get()).toEqual([])
  })
})
