import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { MockCall, MockRoute } from '@courier/shared'
import { fetch } from 'undici'
import { describe, expect, it } from 'vitest'
import { rawGet, startMockKit, type ExampleInput } from './mock-test-kit.js'

const PAGE = 'http://localhost:5173'
const OTHER_PAGE = 'http://evil.example'

const petExamples: ExampleInput[] = [
  {
    name: 'Found',
    status: 200,
    headers: [
      ['Content-Type', 'application/json'],
      ['X-Rate-Limit', '5'],
      ['Set-Cookie', 'session=stolen; Path=/'],
      ['Content-Length', '9999'],
      ['Transfer-Encoding', 'chunked'],
      ['Access-Control-Allow-Origin', '*'],
    ],
    body: '{"id":7,"name":"Rex"}',
  },
  { name: 'Gone', status: 404, headers: [['Content-Type', 'application/json']], body: '{"error":"no such pet"}' },
]

async function petMock(options: { allowedOrigins?: string[]; delayMs?: number } = {}) {
  const kit = await startMockKit()
  const collectionId = await kit.collection([
    { name: 'Get pet', method: 'GET', url: '{{baseUrl}}/pets/:id', examples: petExamples },
    { name: 'My pet', method: 'GET', url: '{{baseUrl}}/pets/mine', examples: [{ name: 'Mine', body: 'mine' }] },
    {
      name: 'List pets',
      method: 'GET',
      url: 'https://api.example.com/pets',
      examples: [
        { name: 'All', body: '[1,2,3]', headers: [['Content-Type', 'application/json']] },
        {
          name: 'Cats',
          body: '["cat"]',
          request: { method: 'GET', url: 'https://api.example.com/pets?type=cat', headers: [] },
        },
        {
          name: 'Version 2',
          body: '{"v":2}',
          request: { method: 'GET', url: 'https://api.example.com/pets', headers: [['Accept-Version', '2']] },
        },
      ],
    },
    {
      name: 'Create pet',
      method: 'POST',
      url: '{{baseUrl}}/pets',
      examples: [{ name: 'Created', status: 201, body: '{"id":8}', headers: [['Location', '/pets/8']] }],
    },
  ])
  const mock = await kit.createMock({
    name: 'Pets',
    source: { kind: 'collection', collectionId },
    allowedOrigins: options.allowedOrigins ?? [PAGE],
    delayMs: options.delayMs ?? 0,
  })
  return { ...kit, mock, collectionId }
}

describe('a mock server from a collection’s saved examples, on its own origin', () => {
  it('answers from the example: body, status, its headers (not hop-by-hop, cookies or CORS), CORS for listed origins', async () => {
    const { mock, listener, live, nextChange } = await petMock()
    expect(mock.url).toBe(`${listener.origin}/mocks/${mock.id}`)
    expect(new URL(mock.url).origin).not.toBe(live.origin)
    const logged = nextChange(mock.id)
    const answer = await fetch(`${mock.url}/pets/7`, { headers: { origin: PAGE } })
    const body = await answer.text()
    expect(answer.status).toBe(200)
    expect(body).toBe('{"id":7,"name":"Rex"}')
    expect(answer.headers.get('content-type')).toBe('application/json')
    expect(answer.headers.get('x-rate-limit')).toBe('5')
    expect(answer.headers.get('content-length')).toBe(String(Buffer.byteLength(body)))
    expect(answer.headers.get('set-cookie')).toBeNull()
    expect(answer.headers.get('transfer-encoding')).toBeNull()
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff')
    expect(answer.headers.get('access-control-allow-origin')).toBe(PAGE)
    expect(answer.headers.get('access-control-expose-headers')).toBe('content-type, x-rate-limit')
    expect(answer.headers.get('vary')).toBe('Origin')
    expect(await logged).toMatchObject({ kind: 'mock', id: mock.id, workspaceId: 'local', action: 'saved' })

    // An origin not listed gets the answer without any CORS header: the browser blocks it.
    const other = await fetch(`${mock.url}/pets/7`, { headers: { origin: OTHER_PAGE } })
    expect(other.status).toBe(200)
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
    expect(other.headers.get('access-control-expose-headers')).toBeNull()
    await other.text()
  })

  it("answers any origin with '*' (no credentials)", async () => {
    const { mock } = await petMock({ allowedOrigins: ['*'] })
    const answer = await fetch(`${mock.url}/pets/mine`, { headers: { origin: OTHER_PAGE } })
    expect(await answer.text()).toBe('mine')
    expect(answer.headers.get('access-control-allow-origin')).toBe('*')
    expect(answer.headers.get('access-control-allow-credentials')).toBeNull()
    expect(answer.headers.get('content-type')).toBe('text/plain; charset=utf-8')
  })

  it('answers a preflight itself: the method and headers asked for, for listed origins only', async () => {
    const { mock } = await petMock()
    const preflight = await fetch(`${mock.url}/pets`, {
      method: 'OPTIONS',
      headers: {
        origin: PAGE,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, x-trace',
      },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe(PAGE)
    expect(preflight.headers.get('access-control-allow-methods')).toBe('POST')
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type, x-trace')
    const refused = await fetch(`${mock.url}/pets`, {
      method: 'OPTIONS',
      headers: { origin: OTHER_PAGE, 'access-control-request-method': 'POST' },
    })
    expect(refused.status).toBe(204)
    expect(refused.headers.get('access-control-allow-origin')).toBeNull()
    expect(refused.headers.get('access-control-allow-methods')).toBeNull()

    const created = await fetch(`${mock.url}/pets`, {
      method: 'POST',
      headers: { origin: PAGE, 'content-type': 'application/json', 'x-trace': '1' },
      body: '{"name":"Tom"}',
    })
    expect(created.status).toBe(201)
    expect(created.headers.get('location')).toBe('/pets/8')
    expect(await created.json()).toEqual({ id: 8 })
  })

  it('answers HEAD from a GET route with its headers and no body', async () => {
    const { mock } = await petMock()
    const head = await fetch(`${mock.url}/pets/7`, { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('content-type')).toBe('application/json')
    expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength('{"id":7,"name":"Rex"}')))
    expect(await head.text()).toBe('')
  })

  it('matches path parameters, literal segments first, trailing slashes and encodings alike', async () => {
    const { mock } = await petMock()
    expect(await (await fetch(`${mock.url}/pets/mine`)).text()).toBe('mine')
    expect(await (await fetch(`${mock.url}/pets/%6Dine/`)).text()).toBe('mine')
    expect(await (await fetch(`${mock.url}/pets/12`)).json()).toEqual({ id: 7, name: 'Rex' })
    expect(await (await fetch(`${mock.url}/pets/12?x=1`)).json()).toEqual({ id: 7, name: 'Rex' })
    expect((await fetch(`${mock.url}/pets/12/extra`)).status).toBe(404)
  })

  it("scores examples by their saved request's query and headers, and honours Postman's headers", async () => {
    const { mock } = await petMock()
    expect(await (await fetch(`${mock.url}/pets`)).text()).toBe('[1,2,3]')
    expect(await (await fetch(`${mock.url}/pets?type=cat`)).text()).toBe('["cat"]')
    expect(await (await fetch(`${mock.url}/pets`, { headers: { 'accept-version': '2' } })).text()).toBe('{"v":2}')
    const named = await fetch(`${mock.url}/pets/7`, { headers: { 'x-mock-response-name': 'Gone' } })
    expect(named.status).toBe(404)
    expect(await named.json()).toEqual({ error: 'no such pet' })
    const coded = await fetch(`${mock.url}/pets/7`, { headers: { 'x-mock-response-code': '404' } })
    expect(coded.status).toBe(404)
    await coded.text()
  })

  it("applies the route's chosen example and status and delay overrides, and the mock's default delay", async () => {
    const { mock, live } = await petMock({ delayMs: 150 })
    let started = performance.now()
    const slow = await fetch(`${mock.url}/pets/mine`)
    expect(await slow.text()).toBe('mine')
    expect(performance.now() - started).toBeGreaterThanOrEqual(140)

    const patched = await live.call('PATCH', `/api/mocks/${mock.id}`, {
      version: mock.version,
      routes: [{ route: 'GET /pets/{id}', example: 'Gone', status: 410, delayMs: 300 }],
    })
    expect(patched.status).toBe(200)
    expect(patched.json).toMatchObject({ version: 2, delayMs: 150, allowedOrigins: [PAGE] })
    started = performance.now()
    const overridden = await fetch(`${mock.url}/pets/7`)
    expect(overridden.status).toBe(410)
    expect(await overridden.json()).toEqual({ error: 'no such pet' })
    expect(performance.now() - started).toBeGreaterThanOrEqual(290)

    const routes = await live.call('GET', `/api/mocks/${mock.id}/routes`)
    expect(routes.status).toBe(200)
    const pet = (routes.json as MockRoute[]).find((r) => r.key === 'GET /pets/{id}')
    expect(pet).toEqual({
      key: 'GET /pets/{id}',
      method: 'GET',
      path: '/pets/{id}',
      name: 'Get pet',
      examples: [
        { name: 'Found', status: 200 },
        { name: 'Gone', status: 404 },
      ],
      chosen: 'Gone',
    })
    expect((routes.json as MockRoute[]).map((r) => r.key).sort()).toEqual([
      'GET /pets',
      'GET /pets/mine',
      'GET /pets/{id}',
      'POST /pets',
    ])
  })

  it('stops waiting when the client goes away during a delay, and logs that', async () => {
    const { mock, live, listener, nextChange } = await petMock({ delayMs: 5_000 })
    const logged = nextChange(mock.id)
    const abort = new AbortController()
    const started = performance.now()
    // The client goes away as soon as the mock has the call (before or during the delay: the same for it).
    listener.fastify.server.once('request', () => setImmediate(() => abort.abort()))
    const pending = fetch(`${mock.url}/pets/mine`, { signal: abort.signal }).catch((error: unknown) => error)
    expect(await pending).toBeInstanceOf(Error)
    await logged
    expect(performance.now() - started).toBeLessThan(4_000)
    const calls = (await live.call('GET', `/api/mocks/${mock.id}/calls`)).json as { items: MockCall[] }
    expect(calls.items[0]!.note).toBe('The client went away during the 5000 ms delay; nothing was answered.')
  })

  it('logs every call, newest first, and clears the log', async () => {
    const { mock, live, nextChange } = await petMock()
    for (const path of ['/pets/1', '/pets/mine?x=1', '/nowhere']) {
      const logged = nextChange(mock.id)
      await (await fetch(`${mock.url}${path}`, { headers: { origin: PAGE } })).text()
      await logged
    }
    const calls = (await live.call('GET', `/api/mocks/${mock.id}/calls`)).json as { items: MockCall[] }
    expect(calls.items.map((c) => [c.method, c.path, c.status, c.route, c.example, c.origin])).toEqual([
      ['GET', '/nowhere', 404, null, null, PAGE],
      ['GET', '/pets/mine?x=1', 200, 'GET /pets/mine', 'Mine', PAGE],
      ['GET', '/pets/1', 200, 'GET /pets/{id}', 'Found', PAGE],
    ])
    expect(calls.items[1]!.note).toBe('GET /pets/mine answered with example “Mine” (the first).')
    expect(calls.items[0]!.durationMs).toBeGreaterThanOrEqual(0)
    const cleared = nextChange(mock.id)
    expect((await live.call('DELETE', `/api/mocks/${mock.id}/calls`)).status).toBe(204)
    await cleared
    expect((await live.call('GET', `/api/mocks/${mock.id}/calls`)).json).toEqual({ items: [] })
  })

  it('answers a call it has no route for with MOCK_NO_MATCH naming the nearest routes', async () => {
    const { mock } = await petMock()
    const miss = await fetch(`${mock.url}/pets/7/toys`, { method: 'DELETE' })
    expect(miss.status).toBe(404)
    expect(miss.headers.get('x-content-type-options')).toBe('nosniff')
    const body = (await miss.json()) as { code: string; message: string; nearest: string[] }
    expect(body.code).toBe('MOCK_NO_MATCH')
    expect(body.message).toMatch(/^No route for DELETE \/pets\/7\/toys \(the mock has no DELETE route\); nearest: /)
    expect(body.nearest).toContain('GET /pets/{id}')
  })

  it('answers 503 while paused, and an unknown id with MOCK_UNKNOWN', async () => {
    const { mock, live, listener } = await petMock()
    await live.call('PATCH', `/api/mocks/${mock.id}`, { version: mock.version, enabled: false })
    const paused = await fetch(`${mock.url}/pets/7`, { headers: { origin: PAGE } })
    expect(paused.status).toBe(503)
    expect(paused.headers.get('access-control-allow-origin')).toBe(PAGE)
    expect(await paused.json()).toMatchObject({ code: 'MOCK_PAUSED' })
    const unknown = await fetch(`${listener.origin}/mocks/0190c0de-0000-7000-8000-000000000000/pets/7`)
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toEqual({
      code: 'MOCK_UNKNOWN',
      message: 'No mock server has this id; check the mock URL in Courier.',
    })
  })

  it('refuses a Host that is not its own, serves no Courier API, and Courier serves no mock', async () => {
    const { mock, listener, live } = await petMock()
    const rebound = await rawGet(`${mock.url}/pets/7`, `attacker.example:${listener.port}`)
    expect(rebound.status).toBe(403)
    expect(JSON.parse(rebound.body)).toMatchObject({ code: 'HOST_NOT_ALLOWED' })
    expect((await rawGet(`${mock.url}/pets/7`, `localhost:${listener.port}`)).status).toBe(200)

    const api = await fetch(`${listener.origin}/api/info`, { headers: live.headers() })
    expect(api.status).toBe(404)
    expect(await api.json()).toMatchObject({ code: 'NOT_FOUND' })
    const mocks = await fetch(`${listener.origin}/api/mocks`, { headers: live.headers() })
    expect(mocks.status).toBe(404)
    await mocks.text()

    const onCourier = await fetch(`${live.origin}/mocks/${mock.id}/pets/7`, { headers: live.headers() })
    expect(onCourier.status).toBe(404)
    expect(await onCourier.text()).not.toContain('Rex')
  })

  it('tells the page where mocks are (GET /api/info) and refuses a source that is not there', async () => {
    const { live, listener } = await petMock()
    expect((await live.call('GET', '/api/info')).json).toMatchObject({ mockOrigin: listener.origin })
    const missing = await live.call('POST', '/api/mocks', {
      name: 'Nothing',
      source: { kind: 'collection', collectionId: 'no-such-collection' },
    })
    expect(missing.status).toBe(404)
    expect(missing.json).toMatchObject({ error: { code: 'NOT_FOUND', field: 'source.collectionId' } })
    const notOpenApi = await live.call('POST', '/api/mocks', {
      name: 'Curl',
      source: { kind: 'openapi', document: 'curl https://api.example.com/x' },
    })
    expect(notOpenApi.status).toBe(400)
    expect(notOpenApi.json).toMatchObject({ error: { code: 'INVALID_REQUEST', field: 'source.document' } })
  })

  it('follows the collection: a new saved example is served on the next call', async () => {
    const { mock, live, collectionId } = await petMock()
    expect((await fetch(`${mock.url}/owners`)).status).toBe(404)
    const added = await live.call('POST', '/api/items', {
      kind: 'request',
      collectionId,
      name: 'Owners',
      request: { method: 'GET', url: '{{baseUrl}}/owners', examples: [{ name: 'Owners', body: '["Ann"]' }] },
    })
    expect(added.status).toBe(201)
    expect(await (await fetch(`${mock.url}/owners`)).text()).toBe('["Ann"]')
  })
})

describe('a mock whose collection was deleted', () => {
  it('answers MOCK_NO_MATCH saying so, and lists no routes', async () => {
    const { mock, live, collectionId, nextChange } = await petMock()
    expect((await fetch(`${mock.url}/pets/7`)).status).toBe(200)
    expect((await live.call('DELETE', `/api/collections/${collectionId}`)).status).toBe(200)
    const logged = nextChange(mock.id)
    const gone = await fetch(`${mock.url}/pets/7`)
    expect(gone.status).toBe(404)
    expect(await gone.json()).toEqual({
      code: 'MOCK_NO_MATCH',
      message:
        "The mock's collection no longer exists in this workspace; choose another source for the mock in Courier.",
      nearest: [],
    })
    await logged
    const routes = await live.call('GET', `/api/mocks/${mock.id}/routes`)
    expect(routes.status).toBe(404)
    expect(routes.json).toMatchObject({ error: { code: 'NOT_FOUND' } })
  })
})

describe('a mock server from an OpenAPI document', () => {
  it("serves the document's examples and examples made from its schemas", async () => {
    const kit = await startMockKit()
    const document = readFileSync(
      fileURLToPath(
        new URL('../../../../packages/shared/src/convert/fixtures/petstore-expanded.yaml', import.meta.url),
      ),
      'utf8',
    )
    const mock = await kit.createMock({ name: 'Petstore', source: { kind: 'openapi', document } })
    const routes = (await kit.live.call('GET', `/api/mocks/${mock.id}/routes`)).json as MockRoute[]
    expect(routes.map((r) => r.key).sort()).toEqual(['DELETE /pets/{id}', 'GET /pets', 'GET /pets/{id}', 'POST /pets'])
    const pet = await fetch(`${mock.url}/pets/42`)
    expect(pet.status).toBe(200)
    expect(pet.headers.get('content-type')).toMatch(/^application\/json/)
    const body = (await pet.json()) as Record<string, unknown>
    expect(body).toHaveProperty('name')
    expect(body).toHaveProperty('id')
    const deleted = await fetch(`${mock.url}/pets/42`, { method: 'DELETE' })
    expect(deleted.status).toBe(204)
    expect(await deleted.text()).toBe('')
  })

  it('serves the examples the document wrote down, named as the importer names them', async () => {
    const kit = await startMockKit()
    const document = readFileSync(
      fileURLToPath(
        new URL('../../../../packages/shared/src/convert/fixtures/api-with-examples.yaml', import.meta.url),
      ),
      'utf8',
    )
    const mock = await kit.createMock({ name: 'Versions', source: { kind: 'openapi', document } })
    const versions = await fetch(`${mock.url}/`)
    expect(versions.status).toBe(200)
    const body = (await versions.json()) as { versions: { id: string }[] }
    expect(body.versions.map((v) => v.id)).toEqual(['v2.0', 'v3.0'])
    const routes = (await kit.live.call('GET', `/api/mocks/${mock.id}/routes`)).json as MockRoute[]
    expect(routes.find((r) => r.key === 'GET /')?.chosen).toBe('200 foo')
  })
})
