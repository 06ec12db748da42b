import { describe, expect, it } from 'vitest'
import { loadFilesSide, MAX_FILE_CHARS } from './load-side.js'

const top = (id: string, name: string) => `courier: 1\nid: ${id}\nname: ${name}\n`
const request = (id: string) => `courier: 1\nid: ${id}\nname: R ${id}\nmethod: GET\nurl: http://a.test\n`

describe('reading the folder, each file attributed to what it holds', () => {
  it('gives each collection the paths it was read from, and blocks one with an unreadable file', () => {
    const side = loadFilesSide(
      [
        { path: 'collections/a/collection.yaml', text: top('c-a', 'A') },
        { path: 'collections/a/one.yaml', text: request('r-1') },
        { path: 'collections/b/collection.yaml', text: top('c-b', 'B') },
        { path: 'collections/b/two.yaml', text: 'courier: 1\nid: [\n' },
        { path: 'environments/dev.yaml', text: 'courier: 1\nid: e-1\nname: Dev\n' },
      ],
      [],
    )
    expect([...side.collections.get('c-a')!.paths]).toEqual(['collections/a/collection.yaml', 'collections/a/one.yaml'])
    expect(side.collections.get('c-a')!.blocked).toBe(false)
    expect(side.collections.get('c-b')!.blocked).toBe(true)
    expect(side.collections.get('c-b')!.paths.has('collections/b/two.yaml')).toBe(false)
    expect(side.problems.map((p) => p.path)).toEqual(['collections/b/two.yaml'])
    expect(side.environments.get('e-1')?.path).toBe('environments/dev.yaml')
  })

  it('an id in two collections is a problem of the later; a file too large is not read', () => {
    const side = loadFilesSide(
      [
        { path: 'collections/a/collection.yaml', text: top('c-a', 'A') },
        { path: 'collections/a/one.yaml', text: request('r-1') },
        { path: 'collections/copy/collection.yaml', text: top('c-copy', 'Copy') },
        { path: 'collections/copy/one.yaml', text: request('r-1') },
        { path: 'collections/big/collection.yaml', text: top('c-big', 'Big') },
        { path: 'collections/big/huge.yaml', text: request('r-2') + `# ${'x'.repeat(MAX_FILE_CHARS)}\n` },
      ],
      [],
    )
    expect(side.collections.has('c-copy')).toBe(false)
    expect(side.unknownCollection).toBe(true)
    expect(side.collections.get('c-big')!.blocked).toBe(true)
    expect(side.problems.map((p) => p.path).sort()).toEqual([
      'collections/big/huge.yaml',
      'collections/copy/collection.yaml',
    ])
  })
})
