import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { buildTestApp, tempDataDir } from '../test/build-test-app.js'
import { startUpstream } from '../test/upstream.js'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

async function setup(options: Parameters<typeof buildTestApp>[0] = {}) {
  const app = await buildTestApp(options)
  const upstream = await startUpstream((request, response) => {
    response.setHeader('content-type', 'application/json')
    if (request.url === '/login')
      return response.end(JSON.stringify({ access_token: 'tok-from-login', expires_in: 3600 }))
    response.end(JSON.stringify({ url: request.url, headers: request.headers, body: request.body.toString() }))
  })
  const call = async (method: string, url: string, payload?: unknown) => {
    const response = await app.api({
      method: method as 'GET',
      url,
      ...(payload === undefined ? {} : { payload: payload as Json }),
    })
    return { status: response.statusCode, json: (response.body ? response.json() : null) as Json }
  }
  return { app, upstream, call }
}

describe('collections, environments and variables in a send', () => {
  it('resolves environment and collection variables and inherits collection auth and folder headers', async () => {
    const { upstream, call } = await setup()
    const collection = (await call('POST', '/api/collections', { name: 'Shop' })).json
    await call('PATCH', `/api/collections/${collection.id}`, {
      version: collection.version,
      auth: { type: 'bearer', token: '{{token}}' },
      variables: [{ name: 'apiPath', value: '/v1' }],
    })
    const folder = (await call('POST', '/api/items', { kind: 'folder', collectionId: collection.id, name: 'Orders' }))
      .json
    await call('PATCH', `/api/items/${folder.id}`, { version: folder.version, headers: [['X-Tenant', 'acme', true]] })
    const item = (
      await call('POST', '/api/items', {
        kind: 'request',
        collectionId: collection.id,
        parentId: folder.id,
        name: 'List',
        request: { method: 'GET', url: '{{baseUrl}}{{apiPath}}/orders?id={{$uuid}}', auth: { type: 'inherit' } },
      })
    ).json
    const dev = (
      await call('POST', '/api/environments', {
        name: 'dev',
        variables: [
          { name: 'baseUrl', value: upstream.url('').replace(/\/$/, '') },
          { name: 'token', value: 'dev-token' },
        ],
      })
    ).json

    const sent = await call('POST', '/api/send', { request: item.request, environmentId: dev.id, itemId: item.id })
    expect(sent.status).toBe(200)
    const echoed = JSON.parse(sent.json.body.inline)
    expect(echoed.url).toMatch(/^\/v1\/orders\?id=[0-9a-f-]{36}$/)
    expect(echoed.headers.authorization).toBe('Bearer dev-token')
    expect(echoed.headers['x-tenant']).toBe('acme')
    expect(upstream.received).toHaveLength(1)
  })

  it('refuses a URL with an unknown variable, naming it, and sends and stores nothing', async () => {
    const { upstream, call } = await setup()
    const sent = await call('POST', '/api/send', { request: { method: 'GET', url: '{{baseUrl}}/x' } })
    expect(sent.status).toBe(400)
    expect(sent.json.error).toMatchObject({ code: 'VARIABLE_UNRESOLVED', field: 'url' })
    expect(sent.json.error.message).toContain('{{baseUrl}}')
    expect(upstream.received).toHaveLength(0)
    expect((await call('GET', '/api/history')).json.items).toEqual([])
  })

  it('chains a token captured from a login response into the next request', async () => {
    const { upstream, call } = await setup()
    const env = (await call('POST', '/api/environments', { name: 'dev', variables: [] })).json
    const login = await call('POST', '/api/send', {
      environmentId: env.id,
      request: {
        method: 'POST',
        url: upstream.url('/login'),
        captures: [
          { variable: 'token', source: 'json', expression: '$.access_token' },
          { variable: 'code', source: 'status' },
        ],
      },
    })
    expect(login.json.notes.join(' ')).toContain('{{token}} set in dev')
    const stored = (await call('GET', '/api/environments')).json.find((e: Json) => e.id === env.id)
    expect(stored.variables.map((v: Json) => [v.name, v.value])).toEqual([
      ['token', 'tok-from-login'],
      ['code', '200'],
    ])
    const next = await call('POST', '/api/send', {
      environmentId: env.id,
      request: { method: 'GET', url: upstream.url('/me'), auth: { type: 'bearer', token: '{{token}}' } },
    })
    expect(JSON.parse(next.json.body.inline).headers.authorization).toBe('Bearer tok-from-login')
  })

  it('says why a capture found nothing instead of failing the send', async () => {
    const { upstream, call } = await setup()
    const sent = await call('POST', '/api/send', {
      request: {
        method: 'GET',
        url: upstream.url('/x'),
        captures: [{ variable: 'id', source: 'json', expression: '$.missing' }],
      },
    })
    expect(sent.status).toBe(200)
    expect(sent.json.notes).toContain('{{id}} was not set: $.missing matched nothing.')
  })

  it('answers 409 with the current version to a stale write from another tab', async () => {
    const { call } = await setup()
    const collection = (await call('POST', '/api/collections', { name: 'C' })).json
    const item = (
      await call('POST', '/api/items', {
        kind: 'request',
        collectionId: collection.id,
        name: 'R',
        request: { method: 'GET', url: 'http://a.test' },
      })
    ).json
    expect((await call('PATCH', `/api/items/${item.id}`, { version: item.version, name: 'From tab A' })).status).toBe(
      200,
    )
    const stale = await call('PATCH', `/api/items/${item.id}`, { version: item.version, name: 'From tab B' })
    expect(stale.status).toBe(409)
    expect(stale.json.error).toMatchObject({
      code: 'STORAGE_CONFLICT',
      details: { current: { name: 'From tab A', version: item.version + 1 } },
    })
  })

  it('restores the open tabs and drafts as the UI saved them', async () => {
    const dataDir = tempDataDir()
    const { app, call } = await setup({ dataDir })
    const state = {
      tabs: [
        {
          id: 'tab-1',
          title: 'Unsaved',
          itemId: null,
          baseVersion: null,
          draft: { method: 'POST', url: 'http://x.test/draft', body: { kind: 'json', text: '{"half": "typed' } },
          isDirty: true,
        },
      ],
      activeTabId: 'tab-1',
      environmentId: null,
    }
    expect((await call('PUT', '/api/workspace', state)).status).toBe(204)
    await app.close()
    const restarted = await buildTestApp({ dataDir })
    const restored = (await restarted.api({ method: 'GET', url: '/api/workspace' })).json()
    expect(restored.tabs[0].draft.body).toEqual({ kind: 'json', text: '{"half": "typed' })
    expect(restored.activeTabId).toBe('tab-1')
  })

  it('searches history by words in the response body', async () => {
    const { upstream, call } = await setup()
    await call('POST', '/api/send', { request: { method: 'GET', url: upstream.url('/orders/quasar') } })
    await call('POST', '/api/send', { request: { method: 'GET', url: upstream.url('/other') } })
    const found = (await call('GET', '/api/history?q=quasar')).json
    expect(found.items.map((i: Json) => i.url)).toEqual([upstream.url('/orders/quasar')])
    const byStatus = (await call('GET', '/api/history?status=2xx&method=GET')).json
    expect(byStatus.items).toHaveLength(2)
    expect((await call('GET', '/api/history?status=banana')).status).toBe(400)
  })
})

describe('secret variables', () => {
  it('never reach the database file, history or logs in clear text', async () => {
    const dataDir = tempDataDir()
    const logs: string[] = []
    const sink = new Writable({ write: (chunk, _encoding, done) => (logs.push(String(chunk)), done()) })
    const { upstream, call, app } = await setup({ dataDir, logStream: sink })
    const secret = 'sk_live_VERY_SECRET_4242'
    const env = (
      await call('POST', '/api/environments', {
        name: 'prod',
        variables: [{ name: 'apiKey', value: secret, secret: true }],
      })
    ).json
    expect(env.variables[0].value).toBe(secret) // the local UI may reveal it
    const sent = await call('POST', '/api/send', {
      environmentId: env.id,
      request: {
        method: 'POST',
        url: `${upstream.url('/echo')}?k={{apiKey}}`,
        headers: [['X-Custom-Key', '{{apiKey}}', true]],
        body: { kind: 'json', text: '{"key": "{{apiKey}}"}' },
      },
    })
    expect(upstream.received[0]!.headers).toContainEqual(['X-Custom-Key', secret]) // the target got it
    // The request side of the answer reads the variable; the response is what the target echoed.
    expect(JSON.stringify(sent.json.request)).not.toContain(secret)
    expect(sent.json.request.headers).toContainEqual(['X-Custom-Key', '{{apiKey}}'])
    const entry = (await call('GET', `/api/history/${sent.json.id}`)).json
    expect(JSON.stringify(entry)).not.toContain(secret)
    await call('GET', `/api/history?q=${secret}`)
    await app.close()
    for (const file of readdirSync(dataDir).filter((name) => name.startsWith('courier.sqlite'))) {
      expect(readFileSync(join(dataDir, file)).includes(Buffer.from(secret)), file).toBe(false)
    }
    expect(logs.join('')).not.toContain(secret)
  })
})
