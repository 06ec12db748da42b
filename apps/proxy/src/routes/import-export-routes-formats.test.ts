import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../test/build-test-app.js'
import { fixture, importAndCommit } from '../test/import-kit.js'
import { startUpstream } from '../test/upstream.js'

describe('export routes', () => {
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
