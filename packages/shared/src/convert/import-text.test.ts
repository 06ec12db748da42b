import { describe, expect, it } from 'vitest'
import type { CollectionTree } from '../collection.js'
import type { HistoryEntry } from '../history.js'
import { exportHar } from './har/export-har.js'
import { exportHistoryCsv } from './history/export-history.js'
import { importText } from './import-text.js'
import { exportWorkspace } from './workspace/export-workspace.js'

describe('importText', () => {
  it('refuses what it does not recognise, broken files and huge ones, with a sentence', async () => {
    await expect(importText('{"hello": 1}')).rejects.toMatchObject({ code: 'IMPORT_FORMAT_UNKNOWN' })
    await expect(importText('{"info": ')).rejects.toMatchObject({
      code: 'IMPORT_INVALID',
      message: expect.stringMatching(/not valid JSON/),
    })
    await expect(importText('x'.repeat(20 * 1024 * 1024 + 1))).rejects.toMatchObject({ code: 'IMPORT_TOO_LARGE' })
    await expect(importText('   ')).rejects.toMatchObject({ code: 'IMPORT_INVALID' })
  })

  it('caps the number of items (10 000) and YAML alias expansion', async () => {
    const item = Array.from({ length: 10_001 }, (_, i) => ({
      name: `r${i}`,
      request: { method: 'GET', url: 'https://x.test/' },
    }))
    await expect(
      importText(
        JSON.stringify({
          info: { name: 'Big', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
          item,
        }),
      ),
    ).rejects.toMatchObject({ code: 'IMPORT_TOO_LARGE' })
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...Array.from(
        { length: 9 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`,
      ),
    ].join('\n')
    await expect(importText(bomb)).rejects.toMatchObject({ code: 'IMPORT_INVALID' })
  })

  it('imports several cURL commands as one collection', async () => {
    const result = await importText(`curl https://a.test/one\ncurl -X DELETE https://a.test/two -H 'X-A: 1'`)
    expect(result.collections[0]!.items.map((i) => i.name)).toEqual(['GET a.test/one', 'DELETE a.test/two'])
  })

  it('imports a HAR capture without framing headers, reporting them and the responses', async () => {
    const har = {
      log: {
        version: '1.2',
        entries: [
          {
            request: {
              method: 'POST',
              url: 'https://a.test/api?x=1',
              headers: [
                { name: ':authority', value: 'a.test' },
                { name: 'Content-Length', value: '7' },
                { name: 'Accept', value: '*/*' },
              ],
              postData: { mimeType: 'application/x-www-form-urlencoded', params: [{ name: 'q', value: 'a b' }] },
            },
            response: { status: 200 },
          },
        ],
      },
    }
    const result = await importText(JSON.stringify(har))
    const item = result.collections[0]!.items[0]!
    expect(item.kind === 'request' && item.request).toMatchObject({
      method: 'POST',
      headers: [['Accept', '*/*', true]],
      params: [['x', '1', true]],
      body: { kind: 'form', fields: [['q', 'a b', true]] },
    })
    expect(result.report.skipped.map((s) => s.what)).toEqual(['2 framing headers', '1 captured response'])
  })

  it('imports an Insomnia v4 export: groups, Nunjucks variables, environments', async () => {
    const insomnia = {
      _type: 'export',
      __export_format: 4,
      resources: [
        { _id: 'wrk', _type: 'workspace', parentId: null, name: 'Shop' },
        { _id: 'env', _type: 'environment', parentId: 'wrk', name: 'Base', data: { base: 'https://shop.test' } },
        {
          _id: 'env2',
          _type: 'environment',
          parentId: 'env',
          name: 'Staging',
          data: { base: 'https://staging.shop.test', token: 't' },
        },
        { _id: 'grp', _type: 'request_group', parentId: 'wrk', name: 'Orders', environment: { page: 1 } },
        {
          _id: 'req',
          _type: 'request',
          parentId: 'grp',
          name: 'List',
          method: 'GET',
          url: '{{ _.base }}/orders',
          parameters: [{ name: 'page', value: '{{ _.page }}' }],
          headers: [{ name: 'X-A', value: '1', disabled: true }],
          authentication: { type: 'bearer', token: '{{ _.token }}' },
          body: {},
        },
        { _id: 'ws', _type: 'websocket_request', parentId: 'wrk', name: 'Live' },
      ],
    }
    const result = await importText(JSON.stringify(insomnia))
    const c = result.collections[0]!
    expect(c.variables).toEqual([{ name: 'base', value: 'https://shop.test', enabled: true, secret: false }])
    expect(result.environments).toMatchObject([{ name: 'Staging' }])
    const req = c.items.find((i) => i.kind === 'request')
    expect(req?.kind === 'request' && req.request).toMatchObject({
      url: '{{base}}/orders?page={{page}}',
      headers: [['X-A', '1', false]],
      auth: { type: 'bearer', token: '{{token}}' },
    })
    expect(result.report.skipped.map((s) => s.what)).toContain('1 websocket request')
  })
})

const tree: CollectionTree = {
  id: 'c1',
  version: 3,
  updatedAt: '2024-01-01T00:00:00.000Z',
  name: 'Shop',
  schemaVersion: 1,
  description: 'multi\nline',
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

describe('history exports', () => {
  const entry = {
    id: 'h1',
    createdAt: '2024-01-01T00:00:00.000Z',
    method: 'GET',
    url: 'https://x.test/=cmd',
    status: 200,
    errorCode: null,
    durationMs: 12.5,
    size: 2,
    request: {
      method: 'GET',
      url: 'https://x.test/',
      params: [],
      pathParams: [],
      headers: [],
      body: { kind: 'none' },
      auth: { type: 'none' },
      settings: {},
      cookies: '',
      captures: [],
    },
    response: {
      id: 'h1',
      ok: true,
      startedAt: '2024-01-01T00:00:00.000Z',
      status: 200,
      statusText: 'OK',
      httpVersion: '1.1',
      headers: [['Content-Type', 'application/json']],
      sizes: { headers: 40, bodyWire: 2, body: 2 },
      timing: { total: 12.5, firstByte: 3 },
      body: { contentType: 'application/json', size: 2, url: '/b', inline: '{}', isText: true, truncated: false },
      request: { method: 'GET', url: 'https://x.test/?a=1', headers: [['Authorization', '••••••']], bodySize: 0 },
      hops: [],
      attempts: [],
      cookies: [],
      notes: [],
      insecure: false,
      error: null,
    },
  } as HistoryEntry
  it('writes HAR 1.2 with the recorded (masked) request and the body', () => {
    const har = JSON.parse(exportHar([entry], { version: '0.1.0' }).text)
    expect(har.log.version).toBe('1.2')
    expect(har.log.entries[0].request).toMatchObject({
      method: 'GET',
      url: 'https://x.test/?a=1',
      queryString: [{ name: 'a', value: '1' }],
      headers: [{ name: 'Authorization', value: '••••••' }],
    })
    expect(har.log.entries[0].response).toMatchObject({
      status: 200,
      content: { mimeType: 'application/json', text: '{}' },
    })
  })
  it('writes CSV that no spreadsheet runs as a formula', () => {
    expect(exportHistoryCsv([entry]).text).toBe(
      'id,sentAt,method,url,status,error,durationMs,sizeBytes\r\nh1,2024-01-01T00:00:00.000Z,GET,https://x.test/=cmd,200,,12.5,2\r\n',
    )
    expect(exportHistoryCsv([{ ...entry, url: '=HYPERLINK("x")' }]).text).toContain(`"'=HYPERLINK(""x"")"`)
  })
})
