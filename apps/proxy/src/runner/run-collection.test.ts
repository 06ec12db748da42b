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

  it('says clearly when the collection does not exist', async () => {
    const app = await buildTestApp()
    await expect(runCollection(sendServices(app), { collection: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})
