// @vitest-environment jsdom

import { emptyRequestSpec } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { conflictLines } from './conflict-values'
import {
  dropChange,
  dropSettings,
  keepChange,
  keptSentence,
  keptSettingsOf,
  outboxKey,
  parseKept,
  type KeptSave,
  type KeptSettings,
} from './kept-changes'
import { Outbox } from './outbox'

const env = (id: string, value: string, baseVersion = 2): KeptSettings => ({
  kind: 'environment',
  itemId: id,
  title: id,
  baseVersion,
  patch: { name: id, variables: [{ name: 'host', value, enabled: true, secret: false }] },
  reason: 'offline',
  keptAt: '2026-12-02T05:00:00.000Z',
})
const folder = (id: string, description: string): KeptSettings => ({
  kind: 'folder',
  itemId: id,
  title: `${id} settings`,
  baseVersion: 5,
  patch: { name: id, description, headers: [], variables: [] },
  reason: 'signed-out',
  keptAt: '2026-12-02T05:00:00.000Z',
})
const request = (id: string): KeptSave => ({
  itemId: id,
  title: id,
  baseVersion: 1,
  spec: { ...emptyRequestSpec(), url: 'http://x/' },
  reason: 'offline',
  keptAt: '2026-12-02T05:00:00.000Z',
})

describe('kept settings saves', () => {
  it('sit in the same list as request saves; a second Save of one environment keeps the first base', () => {
    let list = keepChange([], request('same-id'))
    list = keepChange(list, env('same-id', 'a', 2))
    list = keepChange(list, env('same-id', 'b', 3))
    expect(list).toHaveLength(2)
    const kept = keptSettingsOf(list, 'environment', 'same-id')!
    expect([kept.baseVersion, kept.patch.variables?.[0]?.value]).toEqual([2, 'b'])
    // A request and an environment that share an id are two different things.
    expect(dropChange(list, 'same-id').map((k) => k.kind ?? 'request')).toEqual(['environment'])
    expect(dropSettings(list, { kind: 'environment', itemId: 'same-id' }).map((k) => k.kind ?? 'request')).toEqual([
      'request',
    ])
  })

  it('drops only the patch the server answered for, not a newer one kept meanwhile', () => {
    const list = [env('e1', 'new')]
    expect(dropSettings(list, { kind: 'environment', itemId: 'e1' }, env('e1', 'old').patch)).toHaveLength(1)
    expect(dropSettings(list, { kind: 'environment', itemId: 'e1' }, env('e1', 'new').patch)).toHaveLength(0)
  })

  it('read back through storage, conflicts included; a broken entry is left out', () => {
    const withConflict = {
      ...folder('f1', 'mine'),
      conflicts: [{ field: 'description', label: 'Description', base: 'b', mine: 'mine', theirs: 'theirs' }],
    }
    const raw = JSON.stringify([env('e1', 'a'), withConflict, { kind: 'environment', itemId: 'e2' }, request('r1')])
    expect(parseKept(raw).map((k) => `${k.kind ?? 'request'}:${k.itemId}`)).toEqual([
      'environment:e1',
      'folder:f1',
      'request:r1',
    ])
    localStorage.clear()
    const key = outboxKey('http://a:1', 'u1', 'w1')
    new Outbox(key).keep(withConflict)
    expect(keptSettingsOf(new Outbox(key).get(), 'folder', 'f1')?.conflicts?.[0]?.theirs).toBe('theirs')
  })

  it('the banner counts them, and says which wait for a choice after a conflict', () => {
    expect(keptSentence([env('e1', 'a'), folder('f1', 'd')])).toBe(
      '2 changes are not saved yet — kept in this browser, they will be saved after you sign in again.',
    )
    expect(keptSentence([env('e1', 'a'), { ...folder('f1', 'd'), reason: 'offline', conflicts: [] }])).toBe(
      '1 change is not saved yet — kept in this browser, it will be saved when you are back online. 1 was also changed elsewhere: open it to choose what to keep.',
    )
    expect(keptSentence([{ ...env('e1', 'a'), conflicts: [] }])).toBe(
      '1 change is not saved yet — kept in this browser, changed elsewhere meanwhile: open it to choose what to keep.',
    )
  })

  it('shows both values of a conflict, never a secret', () => {
    expect(
      conflictLines([
        {
          field: 'variable:host',
          label: 'Variable {{host}}',
          base: { value: 'a', enabled: true, secret: false },
          mine: { value: 'mine.example', enabled: true, secret: false },
          theirs: { value: 'theirs.example', enabled: false, secret: false },
        },
        {
          field: 'variable:token',
          label: 'Variable {{token}}',
          base: null,
          mine: { value: 's3cret-mine', enabled: true, secret: true },
          theirs: undefined,
        },
        { field: 'auth', label: 'Auth', base: null, mine: { type: 'bearer', token: 'tok' }, theirs: { type: 'none' } },
      ]),
    ).toEqual([
      'Variable {{host}}: yours “mine.example”, theirs “theirs.example” (off)',
      'Variable {{token}}: yours a secret value, theirs removed',
      'Auth: yours bearer auth, theirs none auth',
    ])
  })
})
