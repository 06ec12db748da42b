import { ContainerFileSchema, EnvironmentFileSchema } from '@courier/shared/workspace-files'
import { describe, expect, it } from 'vitest'
import { describeContainerChange, describeEnvironmentChange } from './describe-container.js'
import { kindOfPath } from './file-kind.js'
import { parsePorcelainV2 } from './porcelain.js'

const container = (extra: Record<string, unknown> = {}) =>
  ContainerFileSchema.parse({ courier: 1, id: 'c1', name: 'Shop', ...extra })
const environment = (extra: Record<string, unknown> = {}) =>
  EnvironmentFileSchema.parse({ courier: 1, id: 'e1', name: 'Dev', ...extra })

describe('describeContainerChange', () => {
  it('says nothing for the same file', () => {
    expect(describeContainerChange(container(), container())).toEqual([])
  })

  it('says name, description, auth, headers, scripts and order changed', () => {
    const before = container({ headers: [['A', '1', true]], order: ['r1', 'r2'] })
    const after = container({
      name: 'Store',
      description: 'now described',
      auth: { type: 'basic', username: 'u', password: '{{p}}' },
      headers: [['a', '2', true]],
      scripts: { preRequest: 'x()', test: '' },
      order: ['r2', 'r1'],
    })
    expect(describeContainerChange(before, after)).toEqual([
      'renamed to Store',
      'description changed',
      'auth changed to Basic',
      'header a changed',
      'pre-request script changed',
      'order changed',
    ])
    expect(describeContainerChange(after, { ...after, order: ['r2'] })).toEqual(['contents changed'])
    expect(
      describeContainerChange(after, { ...after, auth: { type: 'basic', username: 'v', password: '{{p}}' } }),
    ).toEqual(['Basic auth changed'])
  })

  it('says which variables were added, removed, changed, disabled or made secret, never their values', () => {
    const before = container({
      variables: [
        { name: 'host', value: 'a.example' },
        { name: 'port', value: '1' },
        { name: 'key', value: 'k' },
        { name: 'old', value: 'o' },
      ],
    })
    const after = container({
      variables: [
        { name: 'host', value: 'b.example' },
        { name: 'port', value: '1', enabled: false },
        { name: 'key', secret: true },
        { name: 'new', value: 'n' },
      ],
    })
    const words = describeContainerChange(before, after)
    expect(words).toEqual([
      'variable host changed',
      'variable port disabled',
      'variable key made secret',
      'variable key changed',
      'variable new added',
      'variable old removed',
    ])
    expect(words.join(' ')).not.toMatch(/example/)
  })
})

describe('describeEnvironmentChange', () => {
  it('says renamed and variables changed, or reordered', () => {
    const a = environment({
      variables: [
        { name: 'x', value: '1' },
        { name: 'y', value: '2' },
      ],
    })
    expect(describeEnvironmentChange(a, environment({ name: 'Prod', variables: a.variables }))).toEqual([
      'renamed to Prod',
    ])
    expect(describeEnvironmentChange(a, environment({ variables: [...a.variables].reverse() }))).toEqual([
      'variables reordered',
    ])
  })
})

describe('kindOfPath', () => {
  it('tells collection, folder, request, environment and other files apart', () => {
    expect(kindOfPath('collections/shop/collection.yaml')).toBe('collection')
    expect(kindOfPath('collections/shop/admin/folder.yaml')).toBe('folder')
    expect(kindOfPath('collections/shop/admin/list.yaml')).toBe('request')
    expect(kindOfPath('collections/shop/folder.yaml')).toBe('request')
    expect(kindOfPath('collections/shop/admin/collection.yaml')).toBe('other')
    expect(kindOfPath('environments/dev.yaml')).toBe('environment')
    expect(kindOfPath('environments/nested/dev.yaml')).toBe('other')
    expect(kindOfPath('collections/shop/readme.md')).toBe('other')
    expect(kindOfPath('collections/loose.yaml')).toBe('other')
  })
})

describe('parsePorcelainV2', () => {
  it('reads headers, paths with spaces, renames and unmerged entries', () => {
    const text = [
      '# branch.oid abc',
      '# branch.head feature/x',
      '# branch.upstream origin/feature/x',
      '# branch.ab +3 -0',
      '1 .M N... 100644 100644 100644 aaa aaa collections/my shop/a b.yaml',
      '2 R. N... 100644 100644 100644 aaa aaa R100 collections/new name.yaml',
      'collections/old name.yaml',
      'u UU N... 100644 100644 100644 100644 a b c collections/c.yaml',
      '? environments/dev copy.yaml',
      '',
    ].join('\0')
    expect(parsePorcelainV2(text)).toEqual({
      head: 'feature/x',
      hasCommit: true,
      upstream: 'origin/feature/x',
      ahead: 3,
      behind: 0,
      entries: [
        { type: 'ordinary', xy: '.M', path: 'collections/my shop/a b.yaml' },
        { type: 'renamed', xy: 'R.', path: 'collections/new name.yaml', orig: 'collections/old name.yaml' },
        { type: 'unmerged', xy: 'UU', path: 'collections/c.yaml' },
        { type: 'untracked', path: 'environments/dev copy.yaml' },
      ],
    })
    expect(parsePorcelainV2('# branch.oid (initial)\0# branch.head (detached)\0')).toMatchObject({
      head: null,
      hasCommit: false,
    })
  })
})
