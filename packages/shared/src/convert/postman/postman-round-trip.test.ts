import postman from 'postman-collection'
import { describe, expect, it } from 'vitest'
import type { CollectionTree } from '../../collection.js'
import { RequestSpecSchema, type RequestSpecInput } from '../../request-spec.js'
import { importText } from '../import-text.js'
import { exportPostman } from './export-postman.js'

function tree(): CollectionTree {
  const spec = (input: RequestSpecInput) => RequestSpecSchema.parse(input)
  const base = { version: 1, updatedAt: '2024-01-01T00:00:00.000Z' }
  const folder = {
    ...base,
    kind: 'folder' as const,
    collectionId: 'c',
    description: 'Users live here',
    headers: [],
    variables: [{ name: 'userId', value: '42', enabled: true, secret: false }],
    scripts: { preRequest: '', test: '' },
  }
  return {
    ...base,
    id: 'c',
    name: 'Shop API',
    schemaVersion: 1,
    description: 'The shop',
    scripts: { preRequest: "console.log('every request')", test: '' },
    auth: { type: 'bearer', token: '{{token}}', prefix: 'Bearer' },
    headers: [],
    variables: [
      { name: 'baseUrl', value: 'http://127.0.0.1:9', enabled: true, secret: false },
      { name: 'token', value: 's3cret-token', enabled: true, secret: true },
      { name: 'off', value: 'x', enabled: false, secret: false },
    ],
    items: [
      { ...folder, id: 'f1', parentId: null, name: 'Users', position: 0, auth: { type: 'inherit' } },
      {
        ...folder,
        id: 'f2',
        parentId: 'f1',
        name: 'Admin',
        position: 0,
        auth: { type: 'basic', username: 'admin', password: '{{adminPassword}}' },
        variables: [],
      },
      {
        ...base,
        kind: 'request',
        collectionId: 'c',
        id: 'r1',
        parentId: 'f1',
        name: 'Get user',
        position: 1,
        request: spec({
          method: 'GET',
          url: '{{baseUrl}}/users/:id?expand=orders',
          params: [
            ['expand', 'orders', true],
            ['debug', '1', false],
          ],
          pathParams: [['id', '{{userId}}']],
          headers: [
            ['Accept', 'application/json', true],
            ['X-Off', 'no', false],
          ],
          auth: { type: 'inherit' },
          scripts: {
            preRequest: "pm.variables.set('t', Date.now())",
            test: "pm.test('ok', () => {\n  pm.response.to.have.status(200)\n})",
          },
          examples: [
            {
              name: 'Found',
              status: 200,
              statusText: 'OK',
              headers: [['Content-Type', 'application/json']],
              body: '{"id":1}',
              request: { method: 'GET', url: '{{baseUrl}}/users/1', headers: [], body: '' },
            },
          ],
        }),
      },
      {
        ...base,
        kind: 'request',
        collectionId: 'c',
        id: 'r2',
        parentId: 'f2',
        name: 'Create user',
        position: 0,
        request: spec({
          method: 'POST',
          url: '{{baseUrl}}/users',
          body: { kind: 'json', text: '{\n  "name": "Ada"\n}' },
          auth: { type: 'inherit' },
          settings: { followRedirects: false, verifyTls: false, maxRedirects: 3 },
        }),
      },
      {
        ...base,
        kind: 'request',
        collectionId: 'c',
        id: 'r3',
        parentId: null,
        name: 'Login form',
        position: 1,
        request: spec({
          method: 'POST',
          url: '{{baseUrl}}/login',
          body: {
            kind: 'form',
            fields: [
              ['user', 'ada', true],
              ['remember', 'yes', false],
            ],
          },
          auth: { type: 'none' },
        }),
      },
      {
        ...base,
        kind: 'request',
        collectionId: 'c',
        id: 'r4',
        parentId: null,
        name: 'Upload',
        position: 2,
        request: spec({
          method: 'PUT',
          url: '{{baseUrl}}/upload',
          body: {
            kind: 'multipart',
            parts: [
              { kind: 'text', name: 'title', value: 'hello', enabled: true, headers: [] },
              { kind: 'text', name: 'meta', value: '{}', contentType: 'application/json', enabled: false, headers: [] },
            ],
          },
          auth: { type: 'apikey', name: 'X-Key', value: '{{key}}', in: 'header' },
        }),
      },
      {
        ...base,
        kind: 'request',
        collectionId: 'c',
        id: 'r5',
        parentId: null,
        name: 'Query',
        position: 3,
        request: spec({
          method: 'POST',
          url: '{{baseUrl}}/graphql',
          body: { kind: 'graphql', query: '{ me { id } }', variables: '{"a":1}' },
          auth: { type: 'digest', username: 'u', password: '{{pw}}' },
        }),
      },
      {
        ...base,
        kind: 'request',
        collectionId: 'c',
        id: 'r6',
        parentId: null,
        name: 'Raw XML',
        position: 4,
        request: spec({
          method: 'PATCH',
          url: '{{baseUrl}}/doc',
          body: { kind: 'raw', text: '<a/>', contentType: 'application/xml' },
          auth: { type: 'inherit' },
        }),
      },
    ],
  }
}

/** What must survive: the tree's shape and every request field Postman can hold. */
function comparable(t: CollectionTree) {
  const byId = new Map(t.items.map((i) => [i.id, i]))
  const path = (id: string | null): string => (id ? `${path(byId.get(id)!.parentId)}/${byId.get(id)!.name}` : '')
  return {
    name: t.name,
    description: t.description,
    auth: t.auth,
    variables: t.variables,
    items: t.items
      .map((i) => ({
        path: path(i.id),
        position: i.position,
        ...(i.kind === 'request'
          ? { request: i.request }
          : { kind: i.kind, auth: i.auth, description: i.description, variables: i.variables }),
      }))
      .sort((a, b) => a.path.localeCompare(b.path)),
  }
}

describe('Courier → Postman v2.1 → Courier', () => {
  it('is lossless for what Postman can hold (with secrets included)', async () => {
    const original = tree()
    const file = exportPostman(original, { includeSecrets: true })
    const back = await importText(file.text)
    expect(back.report.format).toBe('postman-collection')
    expect(comparable(back.collections[0]!)).toEqual(comparable(original))
    expect(file.notes).toEqual([])
  })

  it('is read by Postman’s own SDK as a v2.1 collection', () => {
    const json = JSON.parse(exportPostman(tree(), { includeSecrets: true }).text)
    expect(json.info.schema).toBe('https://schema.getpostman.com/json/collection/v2.1.0/collection.json')
    const collection = new postman.Collection(json)
    const names: string[] = []
    collection.forEachItem((item) => names.push(`${item.request.method} ${item.request.url.toString()}`))
    // The SDK fills the :id path variable in with its value when printing.
    expect(names).toContain('GET {{baseUrl}}/users/{{userId}}?expand=orders')
  })

  it('leaves secret values out unless asked, and says so', () => {
    const file = exportPostman(tree())
    expect(file.text).not.toContain('s3cret-token')
    expect(file.notes.join(' ')).toMatch(/1 secret value was left out/)
  })

  it('leaves out credentials typed at the collection and folder level too', () => {
    const t = tree()
    t.auth = { type: 'bearer', token: 'collection-literal-token', prefix: 'Bearer' }
    t.items = t.items.map((item) =>
      item.id === 'f2' && item.kind === 'folder'
        ? { ...item, auth: { type: 'basic', username: 'admin', password: 'folder-literal-pw' } }
        : item,
    )
    const file = exportPostman(t)
    expect(file.text).not.toContain('collection-literal-token')
    expect(file.text).not.toContain('folder-literal-pw')
    expect(file.notes.join(' ')).toMatch(/3 secret values were left out/)
    expect(exportPostman(t, { includeSecrets: true }).text).toContain('collection-literal-token')
  })

  it('exports one folder with what it inherits from the collection', async () => {
    const file = exportPostman(tree(), { folderId: 'f2', includeSecrets: true })
    const back = await importText(file.text)
    const c = back.collections[0]!
    expect(c.name).toBe('Admin')
    expect(c.auth).toEqual({ type: 'basic', username: 'admin', password: '{{adminPassword}}' })
    expect(c.variables.map((v) => v.name)).toEqual(['baseUrl', 'token', 'off', 'userId'])
    expect(c.items.map((i) => i.name)).toEqual(['Create user'])
  })

  it('notes what Postman cannot hold', () => {
    const t = tree()
    const upload = t.items.find((i) => i.id === 'r4')!
    if (upload.kind === 'request')
      upload.request.body = {
        kind: 'multipart',
        parts: [{ kind: 'text', name: 'report', value: 'a,b', filename: 'r.csv', enabled: true, headers: [] }],
      }
    t.items[0] = {
      ...t.items[0]!,
      ...(t.items[0]!.kind === 'folder' ? { headers: [['X-Team', 'core', true]] } : {}),
    } as never
    const file = exportPostman(t, { includeSecrets: true })
    expect(file.notes.join('\n')).toMatch(/cannot send a text value as a file/)
    expect(file.notes.join('\n')).toMatch(/headers were copied into each request/)
    expect(JSON.parse(file.text).item[0].item[1].request.header).toContainEqual({ key: 'X-Team', value: 'core' })
  })

  it('says a WebSocket session goes out as a plain request without its saved messages', () => {
    const t = tree()
    const item = t.items.find((i) => i.id === 'r4')!
    if (item.kind === 'request')
      item.request = RequestSpecSchema.parse({
        method: 'GET',
        url: 'wss://feed.example/live',
        realtime: { kind: 'websocket', messages: [{ id: 'm1', name: 'hello', data: 'hi' }] },
      })
    const file = exportPostman(t, { includeSecrets: true })
    expect(file.notes.join('\n')).toMatch(/Postman collections hold HTTP requests only; this WebSocket session/)
    expect(file.text).not.toContain('"hi"')
  })
})
