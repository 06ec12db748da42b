import { describe, expect, it } from 'vitest'
import { ImportBuilder } from '../convert/import-builder.js'
import { loadWorkspaceFiles } from './load-files.js'
import { upgradeFile } from './upgrade.js'
import { filesOfCollection } from './write-files.js'
import { slugify, uniqueSlugs } from './slug.js'

function small() {
  const b = new ImportBuilder('courier-workspace', 'test')
  const tree = b.collection('Shop API', { auth: { type: 'none' } })
  const orders = b.folder(tree, null, { name: 'Orders' })
  b.request(tree, orders, 'List orders', { method: 'GET', url: '{{base}}/orders' }, 'x')
  b.request(tree, orders, 'Create order', { method: 'POST', url: '{{base}}/orders' }, 'x')
  b.request(tree, null, 'Health', { method: 'GET', url: '{{base}}/health' }, 'x')
  return b.result().collections[0]!
}

const replace = (files: { path: string; text: string }[], path: string, text: string) =>
  files.map((f) => (f.path === path ? { path, text } : f))

describe('loading workspace files', () => {
  const files = filesOfCollection(small())

  it('lays a collection out as the brief says', () => {
    expect(files.map((f) => f.path)).toEqual([
      'collections/shop-api/collection.yaml',
      'collections/shop-api/orders/folder.yaml',
      'collections/shop-api/orders/list-orders.yaml',
      'collections/shop-api/orders/create-order.yaml',
      'collections/shop-api/health.yaml',
    ])
    expect(files[2]!.text).toBe('courier: 1\nid: r3\nname: List orders\nmethod: GET\nurl: "{{base}}/orders"\n')
  })

  it('keeps order in the parent, so renaming a file changes nothing; a file the order does not name comes last', () => {
    const renamed = files.map((f) =>
      f.path.endsWith('/list-orders.yaml') ? { ...f, path: 'collections/shop-api/orders/zzz.yaml' } : f,
    )
    const tree = loadWorkspaceFiles(renamed).collections[0]!
    expect(tree.items.map((i) => [i.name, i.position])).toEqual([
      ['Orders', 0],
      ['List orders', 0],
      ['Create order', 1],
      ['Health', 1],
    ])
    const added = [
      ...files,
      { path: 'collections/shop-api/orders/aaa.yaml', text: 'courier: 1\nid: new\nname: New\nmethod: GET\nurl: /\n' },
    ]
    const again = loadWorkspaceFiles(added).collections[0]!
    expect(again.items.filter((i) => i.parentId === 'f2').map((i) => i.name)).toEqual([
      'List orders',
      'Create order',
      'New',
    ])
  })

  it('reports a file YAML cannot read, with its line, and loads the rest', () => {
    const bad = replace(
      files,
      'collections/shop-api/orders/create-order.yaml',
      'courier: 1\nid: r4\nname: "unclosed\nmethod: POST\n',
    )
    const loaded = loadWorkspaceFiles(bad)
    expect(loaded.problems).toHaveLength(1)
    expect(loaded.problems[0]!.path).toBe('collections/shop-api/orders/create-order.yaml')
    expect(loaded.problems[0]!.message).toMatch(/^The YAML cannot be read at line \d+: /)
    expect(loaded.collections[0]!.items.map((i) => i.name)).toEqual(['Orders', 'List orders', 'Health'])
  })

  it('reports a field that does not fit the contract with the field and its line', () => {
    const bad = replace(
      files,
      'collections/shop-api/health.yaml',
      'courier: 1\nid: r5\nname: Health\nmethod: GET\nurl: /\nbody:\n  kind: jsn\n',
    )
    const { problems, collections } = loadWorkspaceFiles(bad)
    expect(problems).toEqual([
      {
        path: 'collections/shop-api/health.yaml',
        message: expect.stringMatching(/^The file does not fit Courier's model at line 7: body\.kind: /),
      },
    ])
    expect(collections[0]!.items).toHaveLength(3)
    const typo = loadWorkspaceFiles(
      replace(
        files,
        'collections/shop-api/health.yaml',
        'courier: 1\nid: r5\nname: Health\nmethod: GET\nurl: /\nheaderz: []\n',
      ),
    )
    expect(typo.problems[0]!.message).toContain('headerz')
    const deep = loadWorkspaceFiles(
      replace(
        files,
        'collections/shop-api/health.yaml',
        'courier: 1\nid: r5\nname: Health\nmethod: GET\nurl: /\nauth:\n  type: bearer\n  token: t\n  prefx: Token\n',
      ),
    )
    expect(deep.problems).toEqual([
      {
        path: 'collections/shop-api/health.yaml',
        message: 'The file has a field Courier does not know at line 9: auth.prefx.',
      },
    ])
  })

  it('says a file from a newer Courier is one, and one without `courier:` is not a Courier file; never throws', () => {
    const newer = loadWorkspaceFiles(
      replace(files, 'collections/shop-api/health.yaml', 'courier: 2\nid: r5\nname: Health\n'),
    )
    expect(newer.problems[0]!.message).toMatch(/written by a newer Courier \(format 2; this Courier reads up to 1\)/)
    const none = loadWorkspaceFiles(replace(files, 'collections/shop-api/health.yaml', 'id: r5\nname: Health\n'))
    expect(none.problems[0]!.message).toMatch(/does not start with `courier: 1`/)
    for (const text of ['', '- a list', '42', '\u0000\u0001', 'a: &x [*x]', 'courier: 1\nid: r5\nid: r6\n'])
      expect(() => loadWorkspaceFiles(replace(files, 'collections/shop-api/health.yaml', text))).not.toThrow()
    expect(loadWorkspaceFiles(replace(files, 'collections/shop-api/health.yaml', '')).problems).toHaveLength(1)
  })

  it('a broken folder file keeps its requests out (each said so); a broken collection file keeps the collection out', () => {
    const badFolder = loadWorkspaceFiles(
      replace(files, 'collections/shop-api/orders/folder.yaml', 'courier: 1\nname: Orders\n'),
    )
    expect(badFolder.problems.map((p) => p.path)).toEqual([
      'collections/shop-api/orders/folder.yaml',
      'collections/shop-api/orders/create-order.yaml',
      'collections/shop-api/orders/list-orders.yaml',
    ])
    expect(badFolder.collections[0]!.items.map((i) => i.name)).toEqual(['Health'])
    const badTop = loadWorkspaceFiles(replace(files, 'collections/shop-api/collection.yaml', 'courier: 1\nid: c1\n'))
    expect(badTop.collections).toEqual([])
    expect(badTop.problems[0]).toEqual({
      path: 'collections/shop-api/collection.yaml',
      message: expect.stringContaining('name'),
    })
  })

  it('refuses a second file with an id already loaded, and ignores files that are not workspace files', () => {
    const copy = files.find((f) => f.path.endsWith('/health.yaml'))!
    const loaded = loadWorkspaceFiles([
      ...files,
      { path: 'collections/shop-api/orders/health-copy.yaml', text: copy.text },
      { path: 'README.md', text: '# hi' },
      { path: '.github/workflows/ci.yaml', text: 'on: push' },
      { path: 'collections/shop-api/notes.txt', text: 'x' },
    ])
    expect(loaded.problems).toEqual([
      {
        path: 'collections/shop-api/orders/health-copy.yaml',
        message: expect.stringContaining('already has the id r5'),
      },
    ])
    expect(loaded.collections[0]!.items).toHaveLength(4)
  })
})

describe('hand-edited files', () => {
  it('reads a variable value typed as a number or boolean as its text', () => {
    const text =
      'courier: 1\nid: e\nname: E\nvariables:\n  - name: port\n    value: 8080\n  - name: debug\n    value: true\n'
    const { environments, problems } = loadWorkspaceFiles([{ path: 'environments/e.yaml', text }])
    expect(problems).toEqual([])
    expect(environments[0]!.variables.map((v) => v.value)).toEqual(['8080', 'true'])
  })
})

describe('format versions', () => {
  it('upgrades a version-0 file (request fields under `request:`, variables as a map) to what version 1 loads', () => {
    const v1 = filesOfCollection(small())
    const v0 = [
      ...replace(
        v1,
        'collections/shop-api/health.yaml',
        'courier: 0\nid: r5\nname: Health\nrequest:\n  method: GET\n  url: "{{base}}/health"\n',
      ),
    ]
    const withVars = replace(
      v0,
      'collections/shop-api/collection.yaml',
      v1[0]!.text.replace('courier: 1', 'courier: 0') + 'variables:\n  base: http://127.0.0.1:1\n  port: 8080\n',
    )
    const loaded = loadWorkspaceFiles(withVars)
    expect(loaded.problems).toEqual([])
    const tree = loaded.collections[0]!
    expect(tree.variables).toEqual([
      { name: 'base', value: 'http://127.0.0.1:1', enabled: true, secret: false },
      { name: 'port', value: '8080', enabled: true, secret: false },
    ])
    const health = tree.items.find((i) => i.name === 'Health')!
    expect(health.kind === 'request' && health.request.url).toBe('{{base}}/health')
    // Saved again, it is written at the current version.
    expect(filesOfCollection(tree).find((f) => f.path.endsWith('/health.yaml'))!.text).toBe(
      v1.find((f) => f.path.endsWith('/health.yaml'))!.text,
    )
  })

  it('upgradeFile says what is wrong with an unknown version', () => {
    expect(upgradeFile(1, { a: 1 })).toEqual({ ok: true, data: { a: 1 } })
    expect(upgradeFile(3, {})).toMatchObject({
      ok: false,
      message: expect.stringContaining('written by a newer Courier'),
    })
    expect(upgradeFile('1', {})).toMatchObject({ ok: false })
    expect(upgradeFile(-1, {})).toMatchObject({ ok: false })
  })
})

describe('slugs', () => {
  it('slugs names and keeps them unique by id, whatever the order', () => {
    expect(slugify('Shop API')).toBe('shop-api')
    expect(slugify('Crème brûlée — 2!')).toBe('creme-brulee-2')
    expect(slugify('✓✓')).toBe('untitled')
    const a = uniqueSlugs([
      { id: 'b', name: 'List' },
      { id: 'a', name: 'list' },
      { id: 'c', name: 'Other' },
    ])
    expect(Object.fromEntries(a)).toEqual({ a: 'list', b: 'list-b', c: 'other' })
    const reversed = uniqueSlugs([
      { id: 'c', name: 'Other' },
      { id: 'a', name: 'list' },
      { id: 'b', name: 'List' },
    ])
    expect(Object.fromEntries(reversed)).toEqual(Object.fromEntries(a))
    // A name that is another's suffixed slug still ends unique.
    const tricky = uniqueSlugs([
      { id: 'b', name: 'x' },
      { id: 'a', name: 'x' },
      { id: 'z', name: 'x b' },
    ])
    expect(new Set(tricky.values()).size).toBe(3)
  })
})
