import { describe, expect, it } from 'vitest'
import type { CollectionTree } from '../../collection.js'
import { importText } from '../import-text.js'
import { exportWorkspace } from './export-workspace.js'

const tree: CollectionTree = {
  id: 'c1',
  version: 3,
  updatedAt: '2024-01-01T00:00:00.000Z',
  name: 'Shop',
  schemaVersion: 1,
  description: 'multi\nline',
  scripts: { preRequest: '', test: '' },
  auth: { type: 'none' },
  headers: [['X-Team', 'core', true]],
  variables: [{ name: 'key', value: 'k-secret', enabled: true, secret: true }],
  items: [
    {
      id: 'f1',
      version: 1,
      updatedAt: '',
      kind: 'folder',
      collectionId: 'c1',
      parentId: null,
      name: 'Orders',
      position: 0,
      description: '',
      auth: { type: 'inherit' },
      headers: [],
      variables: [],
      scripts: { preRequest: '', test: '' },
    },
    {
      id: 'r1',
      version: 2,
      updatedAt: '',
      kind: 'request',
      collectionId: 'c1',
      parentId: 'f1',
      name: 'Create',
      position: 0,
      request: {
        method: 'POST',
        url: 'https://x.test/o',
        params: [],
        pathParams: [],
        headers: [],
        body: { kind: 'json', text: '{\n  "a": 1\n}' },
        auth: { type: 'bearer', token: 'literal-token', prefix: 'Bearer' },
        settings: { timeoutMs: 5000 },
        cookies: '',
        captures: [{ variable: 'id', source: 'json', expression: '$.id', scope: 'environment', enabled: true }],
        scripts: { preRequest: '', test: '' },
        assertions: [],
        examples: [],
      },
    },
  ],
}

describe('workspace export', () => {
  it('is stable text that imports back losslessly (secrets included on request)', async () => {
    const environments = [
      {
        id: 'globals',
        name: 'Globals',
        variables: [{ name: 'g', value: '1', enabled: true, secret: false }],
        version: 1,
        updatedAt: '',
      },
    ]
    const file = exportWorkspace([tree], environments, { includeSecrets: true, version: '0.1.0' })
    expect(file.text).toBe(exportWorkspace([tree], environments, { includeSecrets: true, version: '0.1.0' }).text)
    expect(file.text).toContain('text: |-\n      {\n        "a": 1\n      }')
    const back = await importText(file.text)
    const c = back.collections[0]!
    expect({
      ...c,
      id: 'c1',
      version: 3,
      updatedAt: tree.updatedAt,
      items: c.items.map((i, n) => ({
        ...i,
        id: tree.items[n]!.id,
        collectionId: 'c1',
        parentId: tree.items[n]!.parentId,
        version: tree.items[n]!.version,
        updatedAt: '',
      })),
    }).toEqual(tree)
    expect(back.environments).toEqual([{ name: 'Globals', variables: environments[0]!.variables, globals: true }])
  })

  it('never carries an uploaded file reference into another workspace', async () => {
    const request = tree.items[1]!
    if (request.kind !== 'request') throw new Error('fixture')
    const binary = {
      ...request,
      parentId: null,
      request: {
        ...request.request,
        body: {
          kind: 'binary' as const,
          file: {
            fileId: '00000000-0000-0000-0000-000000000001',
            filename: 'a.bin',
            contentType: 'application/octet-stream',
          },
        },
      },
    }
    const withFile: CollectionTree = { ...tree, items: [binary] }
    const back = await importText(exportWorkspace([withFile], [], { includeSecrets: true, version: '0' }).text)
    const item = back.collections[0]!.items[0]!
    expect(item.kind === 'request' && item.request.body).toEqual({ kind: 'binary', file: null })
    expect(back.report.skipped.map((s) => s.what)).toContain('binary file body')
  })

  it('leaves secrets out by default and says how many', () => {
    const file = exportWorkspace([tree], [], { version: '0.1.0' })
    expect(file.text).not.toContain('k-secret')
    expect(file.text).not.toContain('literal-token')
    expect(file.notes[0]).toMatch(/^2 secret values were left out/)
  })

  it('masks the secret headers and auth that collections and folders pass down', () => {
    const folder = tree.items[0]!
    if (folder.kind !== 'folder') throw new Error('fixture')
    const withLevels: CollectionTree = {
      ...tree,
      headers: [
        ['X-Team', 'core', true],
        ['Authorization', 'Bearer collection-literal', true],
      ],
      items: [
        {
          ...folder,
          headers: [['X-API-Key', 'folder-key-literal', true]],
          auth: { type: 'basic', username: 'u', password: 'folder-pw-literal' },
        },
        tree.items[1]!,
      ],
    }
    const file = exportWorkspace([withLevels], [], { version: '0.1.0' })
    for (const secret of ['collection-literal', 'folder-key-literal', 'folder-pw-literal'])
      expect(file.text).not.toContain(secret)
    expect(file.text).toContain('core')
    expect(file.notes[0]).toMatch(/^5 secret values were left out/)
  })
})
