import { describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../test/build-test-app.js'
import { startUpstream } from '../test/upstream.js'
import { runCollection } from './run-collection.js'

const sendServices = (app: TestApp) => ({ ...app.services, log: app.log })

/**
 * A collection where the first request sets {{token}} (by a pre-request script, or by a capture of
 * its answer) and the second sends it; an environment "ci" whose token starts as "stored".
 */
async function chain(app: TestApp, how: 'script' | 'capture') {
  const upstream = await startUpstream((request, response) => {
    response.setHeader('content-type', 'application/json')
    response.end(JSON.stringify({ token: 'from-login', seen: request.headers['x-token'] ?? null }))
  })
  const base = upstream.url('').replace(/\/$/, '')
  const collection = await app.store.collections.create('Chain')
  await app.store.collections.createItem({
    kind: 'request',
    collectionId: collection.id,
    name: 'Login',
    request: {
      method: 'POST',
      url: `${base}/login`,
      ...(how === 'script'
        ? { scripts: { preRequest: "pm.environment.set('token', 'from-script')", test: '' } }
        : { captures: [{ variable: 'token', source: 'json', expression: '$.token' }] }),
    } as never,
  })
  await app.store.collections.createItem({
    kind: 'request',
    collectionId: collection.id,
    name: 'Me',
    request: {
      method: 'GET',
      url: `${base}/me`,
      headers: [['X-Token', '{{token}}', true]],
      scripts: {
        preRequest: '',
        test: "pm.test('token', () => pm.expect(pm.environment.get('token')).to.be.a('string'))",
      },
    } as never,
  })
  const environment = await app.store.environments.create('ci', [
    { name: 'token', value: 'stored', enabled: true, secret: false },
  ])
  const stored = async () =>
    (await app.store.environments.get(environment.id))?.variables.find((v) => v.name === 'token')?.value
  return { upstream, stored }
}

describe('a run’s variables', () => {
  for (const how of ['script', 'capture'] as const) {
    it(`keeps what a ${how} sets in the run: later requests see it, the stored environment does not change`, async () => {
      const app = await buildTestApp()
      const { upstream, stored } = await chain(app, how)
      const result = await runCollection(sendServices(app), { collection: 'Chain', environment: 'ci' })
      expect(result.steps.map((s) => s.passed)).toEqual([true, true])
      const expected = how === 'script' ? 'from-script' : 'from-login'
      expect(upstream.received[1]!.headers).toContainEqual(['X-Token', expected])
      expect(await stored()).toBe('stored')

      // The next run starts from the stored values again.
      await runCollection(sendServices(app), { collection: 'Chain', environment: 'ci', only: [] })
      expect(await stored()).toBe('stored')
    })

    it(`writes what a ${how} sets back to the environment with keepVariables`, async () => {
      const app = await buildTestApp()
      const { upstream, stored } = await chain(app, how)
      await runCollection(sendServices(app), { collection: 'Chain', environment: 'ci', keepVariables: true })
      const expected = how === 'script' ? 'from-script' : 'from-login'
      expect(upstream.received[1]!.headers).toContainEqual(['X-Token', expected])
      expect(await stored()).toBe(expected)
    })
  }

  for (const keepVariables of [true, false]) {
    it(`${keepVariables ? 'writes' : 'keeps'} what pm.collectionVariables sets ${keepVariables ? 'back to the saved collection with keepVariables' : 'in the run without keepVariables'}`, async () => {
      const app = await buildTestApp()
      const upstream = await startUpstream((_request, response) => response.end('ok'))
      const created = await app.store.collections.create('Paged')
      await app.store.collections.update(created.id, {
        version: created.version,
        variables: [
          { name: 'page', value: '1', enabled: true, secret: false },
          { name: 'old', value: 'gone soon', enabled: true, secret: false },
          { name: 'other', value: 'untouched', enabled: true, secret: false },
        ],
      })
      await app.store.collections.createItem({
        kind: 'request',
        collectionId: created.id,
        name: 'First',
        request: {
          method: 'GET',
          url: upstream.url('/first'),
          scripts: {
            preRequest: '',
            test: "pm.collectionVariables.set('page', '2'); pm.collectionVariables.set('cursor', 'abc'); pm.collectionVariables.unset('old')",
          },
        } as never,
      })
      await app.store.collections.createItem({
        kind: 'request',
        collectionId: created.id,
        name: 'Second',
        request: {
          method: 'GET',
          url: upstream.url('/second'),
          headers: [['X-Page', '{{page}}', true]],
          scripts: {
            preRequest: '',
            test: "pm.test('cursor', () => pm.expect(pm.collectionVariables.get('cursor')).to.equal('abc'))",
          },
        } as never,
      })
      const result = await runCollection(sendServices(app), {
        collection: 'Paged',
        ...(keepVariables ? { keepVariables } : {}),
      })
      expect(result.steps.map((s) => s.passed)).toEqual([true, true])
      expect(upstream.received[1]!.headers).toContainEqual(['X-Page', '2'])
      const saved = (await app.store.collections.get(created.id))!.variables.map((v) => [v.name, v.value])
      expect(saved).toEqual(
        keepVariables
          ? [
              ['page', '2'],
              ['other', 'untouched'],
              ['cursor', 'abc'],
            ]
          : [
              ['page', '1'],
              ['old', 'gone soon'],
              ['other', 'untouched'],
            ],
      )
    })
  }

  it('runs only the given requests in run order, with totals, and the run’s timeout over the request’s', async () => {
    const app = await buildTestApp()
    const upstream = await startUpstream((request, response) => {
      if (request.url === '/slow') return // never answers: only the run's timeout ends it
      response.end('ok')
    })
    const collection = await app.store.collections.create('Mixed')
    const add = (name: string, path: string, test = '') =>
      app.store.collections.createItem({
        kind: 'request',
        collectionId: collection.id,
        name,
        request: { method: 'GET', url: upstream.url(path), scripts: { preRequest: '', test } } as never,
      })
    const first = await add('First', '/first', "pm.test('fails', () => pm.expect(1).to.eql(2))")
    await add('Skipped', '/skipped')
    const slow = await add('Slow', '/slow')
    const result = await runCollection(sendServices(app), {
      collection: 'Mixed',
      only: [slow.id, first.id],
      timeoutMs: 200,
    })
    expect(result.steps.map((s) => s.name)).toEqual(['First', 'Slow'])
    expect(upstream.received.map((r) => r.url)).toEqual(['/first', '/slow'])
    expect(result.steps[1]!.record.error?.code).toMatch(/TIMEOUT/)
    expect(result).toMatchObject({
      state: 'finished',
      passed: 0,
      failed: 2,
      totals: { requests: 2, failedRequests: 1, tests: 1, failedTests: 1 },
      input: { collection: 'Mixed', only: [slow.id, first.id], timeoutMs: 200 },
    })
    expect(result.startedAt).toEqual(expect.any(String))
  })
})
