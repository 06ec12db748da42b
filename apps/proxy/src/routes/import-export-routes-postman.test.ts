import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../test/build-test-app.js'
import { importAndCommit } from '../test/import-kit.js'
import { startUpstream } from '../test/upstream.js'

type NewmanSummary = {
  run: { stats: { requests: { total: number; failed: number }; assertions: { failed: number } }; failures: unknown[] }
}
/** newman 6.2.2 (CommonJS), as Postman users run collections in CI. */
const newman = createRequire(import.meta.url)('newman') as {
  run: (options: object, done: (error: Error | null, summary: NewmanSummary) => void) => void
}

describe('export routes', () => {
  it('exports a collection as Postman v2.1 that newman runs against a real server', async () => {
    const app = await buildTestApp()
    const upstream = await startUpstream((request, response) => {
      response.setHeader('content-type', 'application/json')
      response.end(JSON.stringify({ ok: true, path: request.url }))
    })
    const collection = (
      await app.api({ method: 'POST', url: '/api/collections', payload: { name: 'Newman run' } })
    ).json()
    await app.api({
      method: 'PATCH',
      url: `/api/collections/${collection.id}`,
      payload: {
        version: collection.version,
        auth: { type: 'bearer', token: '{{token}}', prefix: 'Bearer' },
        variables: [
          { name: 'base', value: upstream.url(''), enabled: true, secret: false },
          { name: 'token', value: 'tok-1', enabled: true, secret: false },
        ],
      },
    })
    const folder = (
      await app.api({
        method: 'POST',
        url: '/api/items',
        payload: { kind: 'folder', collectionId: collection.id, name: 'Admin' },
      })
    ).json()
    await app.api({
      method: 'PATCH',
      url: `/api/items/${folder.id}`,
      payload: { version: folder.version, auth: { type: 'basic', username: 'root', password: 'pw' } },
    })
    const request = (body: object) => ({ method: 'POST', url: '/api/items', payload: body })
    await app.api(
      request({
        kind: 'request',
        collectionId: collection.id,
        name: 'List',
        request: {
          method: 'GET',
          url: '{{base}}/items?page=2&q=a%20b',
          params: [
            ['page', '2', true],
            ['q', 'a b', true],
            ['debug', '1', false],
          ],
          headers: [['X-Trace', 't1', true]],
          auth: { type: 'inherit' },
        },
      }),
    )
    await app.api(
      request({
        kind: 'request',
        collectionId: collection.id,
        name: 'Create',
        request: {
          method: 'POST',
          url: '{{base}}/items/:id',
          pathParams: [['id', '7']],
          body: { kind: 'json', text: '{"name":"Ada"}' },
          auth: { type: 'inherit' },
        },
      }),
    )
    await app.api(
      request({
        kind: 'request',
        collectionId: collection.id,
        parentId: folder.id,
        name: 'Login',
        request: {
          method: 'POST',
          url: '{{base}}/login',
          body: { kind: 'form', fields: [['user', 'ada lovelace', true]] },
          auth: { type: 'inherit' },
        },
      }),
    )

    // By default the folder's password is left out; newman needs it, so this export opts in.
    const masked = (
      await app.api({
        method: 'POST',
        url: '/api/export/collection',
        payload: { collectionId: collection.id, format: 'postman' },
      })
    ).json()
    expect(masked.text).not.toContain('"pw"')
    const exported = await app.api({
      method: 'POST',
      url: '/api/export/collection',
      payload: { collectionId: collection.id, format: 'postman', includeSecrets: true },
    })
    expect(exported.statusCode).toBe(200)
    const file = exported.json()
    expect(file.filename).toBe('Newman-run.postman_collection.json')
    const summary = await new Promise<NewmanSummary>((resolve, reject) =>
      newman.run({ collection: JSON.parse(file.text), reporters: [] }, (error, result) =>
        error ? reject(error) : resolve(result),
      ),
    )
    expect(summary.run.stats.requests).toMatchObject({ total: 3, failed: 0 })
    const byPath = (path: string) => upstream.received.find((r) => r.url.startsWith(path))
    const [list, create, login] = [byPath('/items?'), byPath('/items/'), byPath('/login')]
    const header = (r: typeof list, name: string) => r!.headers.find(([n]) => n.toLowerCase() === name)?.[1]
    expect(list).toMatchObject({ method: 'GET', url: '/items?page=2&q=a%20b' })
    expect(header(list, 'authorization')).toBe('Bearer tok-1')
    expect(header(list, 'x-trace')).toBe('t1')
    expect(create).toMatchObject({ method: 'POST', url: '/items/7' })
    expect(create!.body.toString()).toBe('{"name":"Ada"}')
    expect(header(create, 'content-type')).toBe('application/json')
    expect(login!.body.toString()).toBe('user=ada%20lovelace')
    expect(header(login, 'authorization')).toBe(`Basic ${Buffer.from('root:pw').toString('base64')}`)

    // And back into Courier: the same tree.
    const { committed } = await importAndCommit(app, file.text)
    expect(committed.collections[0].items.map((i: { name: string }) => i.name).sort()).toEqual([
      'Admin',
      'Create',
      'List',
      'Login',
    ])
  }, 30_000)
})
