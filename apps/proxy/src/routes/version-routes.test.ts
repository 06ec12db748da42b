import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../test/build-test-app.js'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

async function setup() {
  const app = await buildTestApp()
  const call = async (method: string, url: string, payload?: unknown) => {
    const response = await app.api({
      method: method as 'GET',
      url,
      ...(payload === undefined ? {} : { payload: payload as Json }),
    })
    return { status: response.statusCode, json: (response.body ? response.json() : null) as Json }
  }
  const collection = (await call('POST', '/api/collections', { name: 'Shop' })).json
  const item = (
    await call('POST', '/api/items', {
      kind: 'request',
      collectionId: collection.id,
      name: 'Orders',
      request: { method: 'GET', url: 'https://shop.test/orders', headers: [['Accept', 'application/json', true]] },
    })
  ).json
  return { app, call, collection, item }
}

describe('saving over a newer version', () => {
  it('merges two saves of different fields from the same version and says so', async () => {
    const { call, item } = await setup()
    const a = await call('PATCH', `/api/items/${item.id}`, {
      version: 1,
      request: { ...item.request, url: 'https://shop.test/orders/open' },
    })
    expect(a.status).toBe(200)
    expect(a.json.merged).toBeUndefined()
    const b = await call('PATCH', `/api/items/${item.id}`, {
      version: 1,
      request: { ...item.request, headers: [...item.request.headers, ['X-Tenant', 'acme', true]] },
    })
    expect(b.status).toBe(200)
    expect(b.json).toMatchObject({
      version: 3,
      merged: { fromTheirs: ['url'], baseVersion: 1 },
      request: {
        url: 'https://shop.test/orders/open',
        headers: [
          ['Accept', 'application/json', true],
          ['X-Tenant', 'acme', true],
        ],
      },
    })
    const tree = (await call('GET', '/api/collections')).json[0]
    expect(tree.items[0].request).toMatchObject({ url: 'https://shop.test/orders/open' })
    expect(tree.items[0].request.headers).toHaveLength(2)
  })

  it('answers 409 with the current row, the base and both values of the field, and writes nothing', async () => {
    const { call, item } = await setup()
    await call('PATCH', `/api/items/${item.id}`, { version: 1, request: { ...item.request, url: 'https://a.test' } })
    const b = await call('PATCH', `/api/items/${item.id}`, {
      version: 1,
      request: { ...item.request, url: 'https://b.test' },
    })
    expect(b.status).toBe(409)
    expect(b.json.error.code).toBe('STORAGE_CONFLICT')
    expect(b.json.error.message).toMatch(/Choose whose value to keep/)
    expect(b.json.error.details).toMatchObject({
      current: { version: 2, request: { url: 'https://a.test' } },
      base: { version: 1, request: { url: 'https://shop.test/orders' } },
      theirs: { userId: 'local' },
      conflicts: [
        {
          field: 'url',
          label: 'URL and query params',
          base: { url: 'https://shop.test/orders' },
          mine: { url: 'https://b.test' },
          theirs: { url: 'https://a.test' },
        },
      ],
    })
    const versions = (await call('GET', `/api/versions/item/${item.id}`)).json
    expect(versions.map((v: Json) => v.version)).toEqual([2, 1])
    expect((await call('GET', '/api/collections')).json[0].items[0]).toMatchObject({
      version: 2,
      request: { url: 'https://a.test' },
    })
  })

  it('merges environments per variable over HTTP', async () => {
    const { call } = await setup()
    const env = (await call('POST', '/api/environments', { name: 'dev', variables: [{ name: 'a', value: '1' }] })).json
    await call('PATCH', `/api/environments/${env.id}`, {
      version: 1,
      variables: [...env.variables, { name: 'b', value: '2' }],
    })
    const mine = await call('PATCH', `/api/environments/${env.id}`, {
      version: 1,
      variables: [{ name: 'a', value: 'x' }],
    })
    expect(mine.status).toBe(200)
    expect(mine.json.variables.map((v: Json) => `${v.name}=${v.value}`)).toEqual(['a=x', 'b=2'])
  })
})

describe('versions', () => {
  it('lists, shows and restores a version of a request as a new version', async () => {
    const { call, item } = await setup()
    await call('PATCH', `/api/items/${item.id}`, {
      version: 1,
      name: 'Open orders',
      request: { ...item.request, headers: [] },
    })
    const list = (await call('GET', `/api/versions/item/${item.id}`)).json
    expect(list).toMatchObject([
      { version: 2, changes: ['renamed to “Open orders”', 'header “Accept” removed'] },
      { version: 1, changes: ['created'] },
    ])
    const one = (await call('GET', `/api/versions/item/${item.id}/1`)).json
    expect(one).toMatchObject({ version: 1, kind: 'item', data: { name: 'Orders' } })
    const restored = await call('POST', `/api/versions/item/${item.id}/1/restore`, {})
    expect(restored.status).toBe(200)
    expect(restored.json).toMatchObject({ version: 3, data: { name: 'Orders', version: 3 } })
    expect((await call('GET', `/api/versions/item/${item.id}`)).json.map((v: Json) => v.version)).toEqual([3, 2, 1])
    const missing = await call('GET', `/api/versions/item/${item.id}/9`)
    expect(missing.status).toBe(404)
    expect(missing.json.error.code).toBe('NOT_FOUND')
    expect((await call('GET', `/api/versions/folder/${item.id}`)).json.error.code).toBe('INVALID_REQUEST')
  })
})

describe('the trash', () => {
  it('keeps a deleted request, restores it into its collection, and deletes forever', async () => {
    const { call, item, collection } = await setup()
    const removed = (await call('DELETE', `/api/items/${item.id}`)).json
    expect(removed.trashId).toEqual(expect.any(String))
    const trash = (await call('GET', '/api/trash')).json
    expect(trash).toMatchObject([{ id: removed.trashId, kind: 'request', name: 'Orders', collectionName: 'Shop' }])
    const back = await call('POST', `/api/trash/${removed.trashId}/restore`, {})
    expect(back.json).toMatchObject({ kind: 'request', id: item.id, where: 'into “Shop”' })
    expect((await call('GET', '/api/collections')).json[0].items.map((i: Json) => i.id)).toEqual([item.id])
    expect((await call('GET', '/api/trash')).json).toEqual([])

    await call('DELETE', `/api/collections/${collection.id}`)
    const entry = (await call('GET', '/api/trash')).json[0]
    expect((await call('DELETE', `/api/trash/${entry.id}`)).status).toBe(204)
    expect((await call('GET', '/api/trash')).json).toEqual([])
    expect((await call('POST', `/api/trash/${entry.id}/restore`, {})).status).toBe(404)
  })

  it('the undo of a delete takes its entry out of the trash', async () => {
    const { call, item } = await setup()
    const removed = (await call('DELETE', `/api/items/${item.id}`)).json
    expect((await call('POST', '/api/collections/restore', removed)).status).toBe(200)
    expect((await call('GET', '/api/trash')).json).toEqual([])
  })
})
