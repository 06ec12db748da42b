import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { importText } from '../import-text.js'

// Kong/insomnia's own v5 round-trip fixture (fixtures/README.md), without its design document.
const TEXT = readFileSync(new URL('./fixtures/security_collection.yaml', import.meta.url), 'utf8')

describe('Insomnia v5 import (Kong/insomnia fixture)', async () => {
  const result = await importText(TEXT)
  const tree = result.collections[0]!
  const request = (name: string) => {
    const item = tree.items.find((i) => i.kind === 'request' && i.name === name)
    if (!item || item.kind !== 'request') throw new Error(`no request ${name}`)
    return item.request
  }

  it('imports its 6 requests, 3 folders, base environment as collection variables and 2 sub-environments', () => {
    expect(result.report).toMatchObject({
      format: 'insomnia',
      formatLabel: 'Insomnia v5.0 YAML',
      counts: { collections: 1, folders: 3, requests: 6, environments: 2 },
    })
    expect(tree.variables).toEqual([
      { name: 'inherited_value', value: 'from-collection-env', enabled: true, secret: false },
    ])
    expect(result.environments.map((e) => e.name)).toEqual(['Shared Child Collection Env', 'Empty Env'])
    const folder = tree.items.find((i) => i.kind === 'folder' && i.name === 'inheritance')
    expect(folder?.kind === 'folder' && folder.variables).toEqual([
      { name: 'inherited_value', value: 'from-folder', enabled: true, secret: false },
    ])
  })

  it('orders by sortKey and maps templates, params, auth and scripts', () => {
    expect(tree.items.filter((i) => i.parentId === null).map((i) => i.name)).toEqual([
      'Inheritance Test',
      'inheritance',
      'test',
      'auth',
    ])
    const r = request('Inheritance Test')
    expect(r.url).toBe('{{base_url}}/test/extra-data')
    expect(r.params).toEqual([
      ['itemCount', '100', false],
      ['sizeInKB', '64', false],
    ])
    expect(r.auth).toEqual({ type: 'basic', username: '{{inherited_value}}', password: '' })
    expect(r.scripts.test).toContain("pm.test('Status is 200'")
    expect(r.scripts.test).not.toContain('insomnia.')
    expect(request('Massive Response').url).toBe('{{base_url}}/test/extra-data?sizeInKB=40000')
    expect(request('Delayed response.').headers).toEqual([['Authorization', 'Bearer {{auth_token}}', true]])
  })

  it('names in the report what it did not carry: descriptions, the prompt tag, the cookie jar', () => {
    const what = result.report.skipped.map((s) => s.what)
    expect(what).toContain('template tag {% prompt %}')
    expect(what).toContain('cookie jar “Default Jar” (0 cookies)')
    expect(what.filter((w) => w === 'description')).toHaveLength(6)
    expect(what.filter((w) => w === 'after-response script')).toHaveLength(6)
  })
})
