import { describe, expect, it } from 'vitest'
import { buildTestApp, TEST_PORT } from '../test/build-test-app.js'
import { fixture, importAndCommit } from '../test/import-kit.js'
import { startUpstream } from '../test/upstream.js'

describe('import routes', () => {
  it('previews the real Wise collection with its report, then commits it with fresh ids', async () => {
    const app = await buildTestApp()
    const { report, committed } = await importAndCommit(app, fixture('wise-groups-api.postman_collection.json'))
    expect(report.counts).toMatchObject({ collections: 1, folders: 1, requests: 11 })
    // Scripts are kept now: the report no longer lists them as lost.
    expect(report.skipped.some((s: { what: string }) => s.what === 'test script')).toBe(false)
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
