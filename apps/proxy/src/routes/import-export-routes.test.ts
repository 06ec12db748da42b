import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { buildTestApp, TEST_PORT, type TestApp } from '../test/build-test-app.js'
import { startUpstream } from '../test/upstream.js'

const fixture = (name: string) =>
  readFileSync(new URL(`../../../../packages/shared/src/convert/fixtures/${name}`, import.meta.url), 'utf8')

type NewmanSummary = {
  run: { stats: { requests: { total: number; failed: number }; assertions: { failed: number } }; failures: unknown[] }
}
/** newman 6.2.2 (CommonJS), as Postman users run collections in CI. */
const newman = createRequire(import.meta.url)('newman') as {
  run: (options: object, done: (error: Error | null, summary: NewmanSummary) => void) => void
}

async function importAndCommit(app: TestApp, text: string) {
  const preview = await app.api({
    method: 'POST',
    url: '/api/import/preview',
    payload: { source: { kind: 'text', text } },
  })
  expect(preview.statusCode).toBe(200)
  const commit = await app.api({ method: 'POST', url: '/api/import/commit', payload: { result: preview.json() } })
  expect(commit.statusCode).toBe(201)
  return { report: preview.json().report, committed: commit.json() }
}

describe('import routes', () => {
  it('previews the real Wise collection with its report, then commits it with fresh ids', async () => {
    const app = await buildTestApp()
    const { report, committed } = await importAndCommit(app, fixture('wise-groups-api.postman_collection.json'))
    expect(report.counts).toMatchObject({ collections: 1, folders: 1, requests: 11 })
    expect(report.skipped.some((s: { what: string }) => s.what === 'test script')).toBe(true)
    const list = (await app.api({ method: 'GET', url: '/api/collections' })).json()
    expect(list).toHaveLength(1)
    expect(list[0].id).toBe(committed.collections[0].id)
    expect(list[0].id).toMatch(/^[0-9a-f-]{36}$/)
    expect(list[0].items).toHaveLength(12)
    const folder = list[0].items.find((i: { kind: string }) => i.kind === 'folder')
    expect(list[0].items.filter((i: { parentId: string }) => i.parentId === folder.id)).toHaveLength(2)
  })

  it('imports a Postman environment as an environment, secrets sealed like any other', async () => {
    const app = await buildTestApp()
    const { committed } = await importAndCommit(app, fixture('wise.postman_environment.json'))
    const envs = (await app.api({ method: 'GET', url: '/api/environments' })).json()
    expect(envs.map((e: { name: string }) => e.name)).toContain('TransferWise Sandbox')
    expect(committed.environments[0].variables[0]).toMatchObject({
      name: 'host',
      value: 'https://api.sandbox.transferwise.tech',
    })
  })

  it('fetches a spec by URL through the engine and imports it; refuses metadata and Courier itself', async () => {
    const app = await buildTestApp()
    const upstream = await startUpstream((request, response) => {
      if (request.url === '/moved') return response.writeHead(302, { location: '/specs/petstore.yaml' }).end()
      response.setHeader('content-type', 'application/yaml')
      response.end(fixture('petstore.yaml'))
    })
    const preview = await app.api({
      method: 'POST',
      url: '/api/import/preview',
      payload: { source: { kind: 'url', url: upstream.url('/moved') } },
    })
    expect(preview.statusCode).toBe(200)
    expect(preview.json().report).toMatchObject({ format: 'openapi', counts: { requests: 3 } })
    for (const url of ['http://169.254.169.254/latest/meta-data', `http://127.0.0.1:${TEST_PORT}/api/info`]) {
      const refused = await app.api({
        method: 'POST',
        url: '/api/import/preview',
        payload: { source: { kind: 'url', url } },
      })
      expect(refused.statusCode, url).toBe(403)
      expect(refused.json().error.code).toBe('TARGET_FORBIDDEN')
    }
    const missing = await app.api({
      method: 'POST',
      url: '/api/import/preview',
      payload: { source: { kind: 'url', url: upstream.url('/404').replace(/\d+\/404$/, '1/x') } },
    })
    expect(missing.json().error.code).toBe('IMPORT_FETCH_FAILED')
  })

  it('answers coded errors for unknown, broken and oversized files', async () => {
    const app = await buildTestApp()
    const post = (text: string) =>
      app.api({ method: 'POST', url: '/api/import/preview', payload: { source: { kind: 'text', text } } })
    expect((await post('just words')).json().error.code).toBe('IMPORT_FORMAT_UNKNOWN')
    expect((await post('{"openapi": "3.0.0", "paths": ')).json().error.code).toBe('IMPORT_INVALID')
    const huge = await post(`{"x":"${'a'.repeat(20 * 1024 * 1024)}"}`)
    expect(huge.statusCode).toBe(413)
    expect(huge.json().error.code).toBe('IMPORT_TOO_LARGE')
  })

  it('parses a pasted cURL command', async () => {
    const app = await buildTestApp()
    const response = await app.api({
      method: 'POST',
      url: '/api/convert/curl',
      payload: {
        command: `curl -X POST https://api.test/x -H 'A: b' -d '{"a":1}' -H 'Content-Type: application/json'`,
      },
    })
    expect(response.json().request).toMatchObject({
      method: 'POST',
      url: 'https://api.test/x',
      headers: [['A', 'b', true]],
      body: { kind: 'json', text: '{"a":1}' },
    })
  })
})

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

  it('exports the workspace as YAML that imports back, without secret values by default', async () => {
    const app = await buildTestApp()
    const { committed } = await importAndCommit(app, fixture('wise-groups-api.postman_collection.json'))
    await app.api({
      method: 'POST',
      url: '/api/environments',
      payload: {
        name: 'Prod',
        variables: [{ name: 'token', value: 'prod-secret-value', enabled: true, secret: true }],
      },
    })
    const plain = (await app.api({ method: 'POST', url: '/api/export/workspace', payload: {} })).json()
    expect(plain.text).not.toContain('prod-secret-value')
    expect(plain.notes[0]).toMatch(/left out/)
    const full = (
      await app.api({ method: 'POST', url: '/api/export/workspace', payload: { includeSecrets: true } })
    ).json()
    expect(full.text).toContain('prod-secret-value')
    const fresh = await buildTestApp()
    const again = await importAndCommit(fresh, full.text)
    expect(again.report.format).toBe('courier-workspace')
    const strip = (tree: { items: { name: string; kind: string; request?: unknown }[] }) =>
      tree.items.map((i) => [i.kind, i.name, i.request])
    expect(strip(again.committed.collections[0])).toEqual(strip(committed.collections[0]))
    expect(again.committed.environments.find((e: { name: string }) => e.name === 'Prod').variables[0]).toMatchObject({
      value: 'prod-secret-value',
      secret: true,
    })
  })

  it('exports history as HAR, JSON and CSV, filtered by the history query', async () => {
    const app = await buildTestApp()
    const upstream = await startUpstream((request, response) => {
      response.statusCode = request.url === '/missing' ? 404 : 200
      response.end(`body of ${request.url}`)
    })
    for (const path of ['/a', '/missing', '/b'])
      await app.api({
        method: 'POST',
        url: '/api/send',
        payload: {
          request: {
            method: 'GET',
            url: upstream.url(path),
            headers: [['Authorization', 'Bearer hidden-token', true]],
          },
        },
      })
    const har = JSON.parse(
      (await app.api({ method: 'POST', url: '/api/export/history', payload: { format: 'har' } })).json().text,
    )
    expect(har.log.entries.map((e: { request: { url: string } }) => new URL(e.request.url).pathname)).toEqual([
      '/b',
      '/missing',
      '/a',
    ])
    expect(har.log.entries[0].response.content.text).toBe('body of /b')
    expect(JSON.stringify(har)).not.toContain('hidden-token')
    const csv = (
      await app.api({
        method: 'POST',
        url: '/api/export/history',
        payload: { format: 'csv', query: { status: '4xx' } },
      })
    ).json()
    expect(csv.text.trim().split('\r\n')).toHaveLength(2)
    expect(csv.text).toContain('/missing,404')
    const json = JSON.parse(
      (await app.api({ method: 'POST', url: '/api/export/history', payload: { format: 'json', max: 2 } })).json().text,
    )
    expect(json.entries).toHaveLength(2)
  })

  it('exports a collection as an OpenAPI 3.1 skeleton', async () => {
    const app = await buildTestApp()
    const { committed } = await importAndCommit(app, fixture('petstore-expanded.yaml'))
    const file = (
      await app.api({
        method: 'POST',
        url: '/api/export/collection',
        payload: { collectionId: committed.collections[0].id, format: 'openapi' },
      })
    ).json()
    expect(file.mediaType).toBe('application/yaml')
    expect(file.text).toMatch(/^openapi: 3\.1\.0/)
    expect(file.text).toContain('/pets/{id}:')
  })
})
