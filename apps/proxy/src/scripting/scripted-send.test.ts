import type { ResponseRecord } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { buildTestApp, TEST_PORT } from '../test/build-test-app.js'
import { startUpstream } from '../test/upstream.js'

async function setup() {
  const app = await buildTestApp()
  const upstream = await startUpstream((request, response) => {
    response.setHeader('content-type', 'application/json')
    response.setHeader('x-seen-token', String(request.headers['x-token'] ?? ''))
    response.end(JSON.stringify({ path: request.url, token: request.headers['x-token'] ?? null, items: [1, 2, 3] }))
  })
  const env = (
    await app.api({
      method: 'POST',
      url: '/api/environments',
      payload: {
        name: 'dev',
        variables: [{ name: 'base', value: upstream.url().replace(/\/$/, ''), enabled: true, secret: false }],
      },
    })
  ).json() as { id: string }
  const send = async (request: Record<string, unknown>, itemId?: string) => {
    const answer = await app.api({
      method: 'POST',
      url: '/api/send',
      payload: {
        request: { method: 'GET', url: '{{base}}/things', ...request },
        environmentId: env.id,
        ...(itemId ? { itemId } : {}),
      },
    })
    return answer.json() as ResponseRecord
  }
  return { app, upstream, env, send }
}

describe('scripts around a send', () => {
  it('runs the pre-request script before the send (a variable it sets is sent) and the test script after, with its results on the record', async () => {
    const { app, env, send } = await setup()
    const record = await send({
      headers: [['X-Token', '{{token}}', true]],
      scripts: {
        preRequest: "pm.environment.set('token', 'tok-' + (1 + 1)); console.log('set', pm.environment.get('token'))",
        test: [
          "pm.test('status is 200', () => pm.response.to.have.status(200))",
          "pm.test('the token came back', () => pm.expect(pm.response.json().token).to.eql('tok-2'))",
          "pm.test('fails on purpose', () => pm.expect(pm.response.json().items).to.have.length(4))",
        ].join('\n'),
      },
    })
    expect(record.status).toBe(200)
    expect(record.scripts?.tests.map((t) => [t.name, t.passed])).toEqual([
      ['status is 200', true],
      ['the token came back', true],
      ['fails on purpose', false],
    ])
    expect(record.scripts?.tests[2]?.error).toMatch(/length of 4/)
    expect(record.scripts?.console).toEqual([
      expect.objectContaining({
        level: 'log',
        text: 'set tok-2',
        origin: { level: 'request', name: 'This request', phase: 'prerequest' },
      }),
    ])
    // What the pre-request script set is kept in the environment, like a capture.
    const all = (await app.api({ method: 'GET', url: '/api/environments' })).json() as {
      id: string
      variables: { name: string; value: string }[]
    }[]
    const stored = all.find((e) => e.id === env.id)
    expect(stored?.variables.find((v) => v.name === 'token')?.value).toBe('tok-2')
  })

  it('a script error is reported with its line and the response is kept', async () => {
    const { send } = await setup()
    const record = await send({ scripts: { preRequest: '', test: 'const a = 1\n\nnotDefined.call()\n' } })
    expect(record.status).toBe(200)
    expect(record.body?.inline).toContain('"items"')
    expect(record.scripts?.errors).toEqual([
      expect.objectContaining({
        kind: 'runtime',
        line: 3,
        origin: { level: 'request', name: 'This request', phase: 'test' },
      }),
    ])
  })

  it('checks declarative assertions: status, header, JSONPath, JSON Schema', async () => {
    const { send } = await setup()
    const record = await send({
      headers: [['X-Token', 'abc', true]],
      assertions: [
        { source: 'status', operator: 'equals', value: '200' },
        { source: 'header', expression: 'x-seen-token', operator: 'equals', value: 'abc' },
        { source: 'json', expression: '$.items[1]', operator: 'equals', value: '2' },
        { source: 'json', expression: '$.missing', operator: 'exists' },
        {
          source: 'jsonSchema',
          operator: 'valid',
          value: JSON.stringify({ type: 'object', required: ['path', 'nope'] }),
        },
        { source: 'responseTime', operator: 'lessThan', value: '60000' },
      ],
    })
    expect(record.scripts?.tests.map((t) => [t.name, t.passed])).toEqual([
      ['Status equals 200', true],
      ['Header x-seen-token equals abc', true],
      ['$.items[1] equals 2', true],
      ['$.missing exists', false],
      ['Body is valid against the schema', false],
      ['Response time (ms) is less than 60000', true],
    ])
    expect(record.scripts?.tests[4]?.error).toMatch(/must have required property 'nope'/)
  })

  it('runs the collection’s, then the folder’s, then the request’s scripts; skipRequest sends nothing', async () => {
    const { app, upstream, send } = await setup()
    const collection = (
      await app.api({
        method: 'POST',
        url: '/api/collections',
        payload: { name: 'Shop' },
      })
    ).json() as { id: string; version: number }
    await app.api({
      method: 'PATCH',
      url: `/api/collections/${collection.id}`,
      payload: { version: collection.version, scripts: { preRequest: "console.log('collection')", test: '' } },
    })
    const folder = (
      await app.api({
        method: 'POST',
        url: '/api/items',
        payload: { kind: 'folder', collectionId: collection.id, name: 'Orders' },
      })
    ).json() as { id: string; version: number }
    await app.api({
      method: 'PATCH',
      url: `/api/items/${folder.id}`,
      payload: { version: folder.version, scripts: { preRequest: "console.log('folder')", test: '' } },
    })
    const item = (
      await app.api({
        method: 'POST',
        url: '/api/items',
        payload: {
          kind: 'request',
          collectionId: collection.id,
          parentId: folder.id,
          name: 'List',
          request: { method: 'GET', url: '{{base}}/things' },
        },
      })
    ).json() as { id: string }
    const record = await send({ scripts: { preRequest: "console.log('request')", test: '' } }, item.id)
    expect(record.scripts?.console.map((c) => c.text)).toEqual(['collection', 'folder', 'request'])

    const before = upstream.received.length
    const skipped = await send({
      scripts: { preRequest: 'pm.execution.skipRequest()', test: "pm.test('never', () => {})" },
    })
    expect(skipped.scripts?.skipped).toBe(true)
    expect(skipped.scripts?.tests).toEqual([])
    expect(upstream.received.length).toBe(before)
  })

  it('pm.sendRequest cannot reach Courier itself or a metadata address: the destination policy refuses both, and the script hears why', async () => {
    const { app, send } = await setup()
    const record = await send({
      scripts: {
        preRequest: '',
        test: [
          'for (const [name, url] of [',
          `  ['self', 'http://127.0.0.1:${TEST_PORT}/api/history'],`,
          "  ['metadata', 'http://169.254.169.254/latest/meta-data/'],",
          ']) {',
          '  try { await pm.sendRequest(url); pm.environment.set(name, "reached") }',
          '  catch (e) { pm.environment.set(name, e.message) }',
          '}',
          "pm.test('both refused', () => {",
          "  pm.expect(pm.environment.get('self')).to.match(/Courier itself/)",
          "  pm.expect(pm.environment.get('metadata')).to.match(/metadata/)",
          '})',
        ].join('\n'),
      },
    })
    expect(record.scripts?.errors).toEqual([])
    expect(record.scripts?.tests.map((t) => [t.name, t.passed, t.error ?? null])).toEqual([
      ['both refused', true, null],
    ])
    // History shows the two refusals as a person's own refused sends would be: no status, a code.
    const history = (await app.api({ method: 'GET', url: '/api/history' })).json() as {
      items: { url: string; status: number | null; errorCode?: string | null }[]
    }
    const refused = history.items.filter((item) => item.url !== record.request.url)
    expect(refused.map((item) => item.status)).toEqual([null, null])
  })
})
