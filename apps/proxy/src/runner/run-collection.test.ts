import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../test/build-test-app.js'
import { startUpstream } from '../test/upstream.js'
import { formatRun, runCollection } from './run-collection.js'
import type { TestApp } from '../test/build-test-app.js'

const sendServices = (app: TestApp) => ({ ...app.services, log: app.log })

describe('courier run', () => {
  it('runs a collection in order with its environment, captures feeding later requests', async () => {
    const app = await buildTestApp()
    const upstream = await startUpstream((request, response) => {
      response.setHeader('content-type', 'application/json')
      if (request.url === '/login') return response.end('{"token":"t-123"}')
      if (request.url === '/broken') {
        response.statusCode = 500
        return response.end('{}')
      }
      response.end(JSON.stringify({ auth: request.headers.authorization ?? null }))
    })
    const collection = await app.store.collections.create('Smoke')
    const folder = await app.store.collections.createItem({
      kind: 'folder',
      collectionId: collection.id,
      name: 'Account',
    })
    await app.store.collections.createItem({
      kind: 'request',
      collectionId: collection.id,
      parentId: folder.id,
      name: 'Login',
      request: {
        method: 'POST',
        url: '{{base}}/login',
        captures: [{ variable: 'token', source: 'json', expression: '$.token' }],
      } as never,
    })
    await app.store.collections.createItem({
      kind: 'request',
      collectionId: collection.id,
      parentId: folder.id,
      name: 'Me',
      request: { method: 'GET', url: '{{base}}/me', headers: [['Authorization', 'Bearer {{token}}', true]] } as never,
    })
    await app.store.collections.createItem({
      kind: 'request',
      collectionId: collection.id,
      name: 'Broken',
      request: { method: 'GET', url: '{{base}}/broken' } as never,
    })
    await app.store.environments.create('ci', [
      { name: 'base', value: upstream.url('').replace(/\/$/, ''), enabled: true, secret: false },
    ])

    const result = await runCollection(sendServices(app), { collection: 'smoke', environment: 'ci' })
    expect(result.steps.map((s) => [s.name, s.passed])).toEqual([
      ['Login', true],
      ['Me', true],
      ['Broken', false],
    ])
    expect(result.steps[1]!.record.body?.inline).toContain('Bearer t-123')
    expect(formatRun(result, false)).toContain('2 passed, 1 failed')

    const bailed = await runCollection(sendServices(app), { collection: collection.id, folder: 'Account' })
    // Without the environment {{base}} is unknown: refused before sending, reported as a failure.
    expect(bailed.steps[0]!.record.error?.code).toBe('VARIABLE_UNRESOLVED')
  })

  it('skips a WebSocket session in a collection and runs the requests around it', async () => {
    const app = await buildTestApp()
    const upstream = await startUpstream((_request, response) => response.end('ok'))
    const collection = await app.store.collections.create('Mixed realtime')
    await app.store.collections.createItem({
      kind: 'request',
      collectionId: collection.id,
      name: 'Feed',
      request: { method: 'GET', url: 'ws://127.0.0.1:1/feed', realtime: { kind: 'websocket' } } as never,
    })
    await app.store.collections.createItem({
      kind: 'request',
      collectionId: collection.id,
      name: 'Health',
      request: { method: 'GET', url: upstream.url('/health') } as never,
    })
    const result = await runCollection(sendServices(app), { collection: 'Mixed realtime' })
    expect(result.steps.map((s) => [s.name, s.passed, s.record.scripts?.skipped ?? false])).toEqual([
      ['Feed', true, true],
      ['Health', true, false],
    ])
    expect(result.steps[0]!.record.notes[0]).toMatch(/WebSocket session is opened in the app/)
    expect(upstream.received.map((r) => r.url)).toEqual(['/health'])
  })

  it('says clearly when the collection does not exist', async () => {
    const app = await buildTestApp()
    await expect(runCollection(sendServices(app), { collection: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('runs the tests of every request, per iteration with its data row, and follows setNextRequest', async () => {
    const app = await buildTestApp()
    const upstream = await startUpstream((request, response) => {
      response.setHeader('content-type', 'application/json')
      response.end(JSON.stringify({ path: request.url }))
    })
    const collection = await app.store.collections.create('Data')
    const request = (name: string, url: string, test: string, preRequest = '') =>
      app.store.collections.createItem({
        kind: 'request',
        collectionId: collection.id,
        name,
        request: { method: 'GET', url, scripts: { preRequest, test } } as never,
      })
    await request(
      'Search',
      `${upstream.url('').replace(/\/$/, '')}/search/{{term}}`,
      "pm.test('path has the term', () => pm.expect(pm.response.json().path).to.eql('/search/' + pm.iterationData.get('term')))\n" +
        "pm.test('term is not boots', () => pm.expect(pm.iterationData.get('term')).not.to.eql('boots'))\n" +
        "if (pm.info.iteration === 0) pm.execution.setNextRequest('Last')",
    )
    await request('Skipped by setNextRequest', upstream.url('/never'), '')
    await request('Last', upstream.url('/last'), "pm.test('last', () => pm.response.to.have.status(200))")

    const result = await runCollection(sendServices(app), {
      collection: 'Data',
      data: [{ term: 'shoes' }, { term: 'boots' }],
    })
    expect(result.iterations).toBe(2)
    expect(result.steps.map((s) => [s.iteration, s.name, s.passed])).toEqual([
      [0, 'Search', true],
      [0, 'Last', true],
      [1, 'Search', false],
      [1, 'Skipped by setNextRequest', true],
      [1, 'Last', true],
    ])
    expect(upstream.received.map((r) => r.url)).toEqual(['/search/shoes', '/last', '/search/boots', '/never', '/last'])
    const printed = formatRun(result, false)
    expect(printed).toContain('✗ term is not boots')
    expect(printed).toContain('Tests: 5 passed, 1 failed')
    expect(printed).toContain('Iteration 2/2')
  })
})
