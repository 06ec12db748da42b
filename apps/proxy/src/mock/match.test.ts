import { ExampleSchema, MockRouteChoiceSchema, type Example } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { matchCall, segmentsOf, type MockRequest, type MockSettings } from './match.js'
import { pathOf, routeKey, templateOf, type MockRouteEntry } from './route-table.js'

const example = (name: string, more: Partial<Example> = {}): Example => ExampleSchema.parse({ name, ...more })

function route(method: string, url: string, examples: Example[], name = `${method} ${url}`): MockRouteEntry {
  const segments = templateOf(url)
  return { key: routeKey(method, segments), method, path: pathOf(segments), segments, name, examples }
}

const call = (method: string, target: string, headers: MockRequest['headers'] = {}): MockRequest => {
  const at = target.indexOf('?')
  return {
    method,
    path: at === -1 ? target : target.slice(0, at),
    query: at === -1 ? '' : target.slice(at + 1),
    headers,
  }
}
const settings = (over: Partial<MockSettings> = {}): MockSettings => ({ delayMs: 0, routes: [], ...over })
const choice = (route: string, over: Record<string, unknown> = {}) => MockRouteChoiceSchema.parse({ route, ...over })

describe('a saved URL as a path template', () => {
  it.each([
    ['{{baseUrl}}/pets/:id', '/pets/{id}'],
    ['https://api.example.com/v1/pets/{{petId}}?x=1#top', '/v1/pets/{petId}'],
    ['http://{{host}}:{{port}}/a/', '/a'],
    ['{{host}}:{{port}}/a/{b}/c', '/a/{b}/c'],
    ['api.example.com/x', '/x'],
    ['/local//path/', '/local/path'],
    ['{{baseUrl}}', '/'],
    ['https://api.example.com', '/'],
    ['{{baseUrl}}/files/a%20b', '/files/a b'],
    ['{{baseUrl}}/v{{version}}/x', '/v{{version}}/x'],
  ])('%s → %s', (url, path) => {
    expect(pathOf(templateOf(url))).toBe(path)
  })

  it('keys a route by method and template', () => {
    expect(routeKey('get', templateOf('{{baseUrl}}/pets/:id'))).toBe('GET /pets/{id}')
  })

  it('decodes the call path segment by segment and drops empty ones', () => {
    expect(segmentsOf('//pets/%37/a%2Fb/')).toEqual(['pets', '7', 'a/b'])
    expect(segmentsOf('/bad%zzescape')).toEqual(['bad%zzescape'])
  })
})

describe('matching a call to a route', () => {
  const routes = [
    route('GET', '{{baseUrl}}/pets/{id}', [example('One pet')]),
    route('GET', '{{baseUrl}}/pets/mine', [example('Mine')]),
    route('GET', '{{baseUrl}}/pets', [example('All pets')]),
    route('POST', '{{baseUrl}}/pets', [example('Created', { status: 201 })]),
    route('GET', '{{baseUrl}}/{kind}/x', [example('Kind x')]),
    route('GET', '{{baseUrl}}/y/{other}', [example('Y other')]),
    route('GET', '{{baseUrl}}/files/a%20b', [example('Spaced')]),
  ]
  const answer = (request: MockRequest, over: Partial<MockSettings> = {}) => {
    const result = matchCall(routes, settings(over), request)
    if (!result.ok) throw new Error(`no match: ${result.note}`)
    return result
  }

  it('prefers literal segments to parameters', () => {
    expect(answer(call('GET', '/pets/mine')).example.name).toBe('Mine')
    const one = answer(call('GET', '/pets/7'))
    expect(one.example.name).toBe('One pet')
    expect(one.params).toEqual({ id: '7' })
    expect(one.route.key).toBe('GET /pets/{id}')
  })

  it('decides specificity from the left', () => {
    expect(answer(call('GET', '/y/x')).example.name).toBe('Y other')
    expect(answer(call('GET', '/z/x')).example.name).toBe('Kind x')
  })

  it('tolerates a trailing slash, doubled slashes and percent-encoding', () => {
    expect(answer(call('GET', '/pets/')).example.name).toBe('All pets')
    expect(answer(call('GET', '//pets//7/')).params).toEqual({ id: '7' })
    expect(answer(call('GET', '/pets/%37')).params).toEqual({ id: '7' })
    expect(answer(call('GET', '/files/a%20b')).example.name).toBe('Spaced')
    expect(answer(call('GET', '/pe%74s/mine')).example.name).toBe('Mine')
  })

  it('matches the method first; HEAD finds a GET route', () => {
    expect(answer(call('POST', '/pets')).example.name).toBe('Created')
    expect(answer(call('POST', '/pets')).status).toBe(201)
    expect(answer(call('HEAD', '/pets/mine')).example.name).toBe('Mine')
    const wrong = matchCall(routes, settings(), call('DELETE', '/pets/7'))
    expect(wrong.ok).toBe(false)
    if (wrong.ok) return
    expect(wrong.nearest[0]).toBe('GET /pets/{id}')
    expect(wrong.note).toBe(
      'No route for DELETE /pets/7 (the mock has no DELETE route); nearest: GET /pets/{id}, GET /pets/mine, GET /pets.',
    )
  })

  it('names the nearest routes of a path it does not know', () => {
    const miss = matchCall(routes, settings(), call('GET', '/pets/7/toys'))
    expect(miss.ok).toBe(false)
    if (miss.ok) return
    expect(miss.nearest).toContain('GET /pets/{id}')
    expect(miss.nearest.length).toBeLessThanOrEqual(3)
    expect(matchCall([], settings(), call('GET', '/x'))).toMatchObject({ ok: false, nearest: [] })
  })
})

describe('choosing the example', () => {
  const cat = example('Cat', {
    status: 200,
    request: { method: 'GET', url: '{{baseUrl}}/pets?type=cat', headers: [], body: '' },
  })
  const dog = example('Dog', {
    status: 200,
    request: { method: 'GET', url: '{{baseUrl}}/pets?type=dog&size=big', headers: [], body: '' },
  })
  const v2 = example('Version 2', {
    status: 200,
    request: { method: 'GET', url: '{{baseUrl}}/pets', headers: [['X-Api-Version', '2']], body: '' },
  })
  const missing = example('Missing', { status: 404 })
  const pets = route('GET', '{{baseUrl}}/pets', [missing, cat, dog, v2])
  const pick = (request: MockRequest, over: Partial<MockSettings> = {}) => {
    const result = matchCall([pets], settings(over), request)
    if (!result.ok) throw new Error(result.note)
    return result
  }

  it("takes Postman's x-mock-response-name, exactly or ignoring case", () => {
    expect(pick(call('GET', '/pets', { 'x-mock-response-name': 'Dog' })).example.name).toBe('Dog')
    expect(pick(call('GET', '/pets', { 'x-mock-response-name': 'version 2' })).example.name).toBe('Version 2')
  })

  it("takes Postman's x-mock-response-code", () => {
    const found = pick(call('GET', '/pets', { 'x-mock-response-code': '404' }))
    expect(found.example.name).toBe('Missing')
    expect(found.status).toBe(404)
    expect(found.note).toContain('x-mock-response-code')
  })

  it('says so when the asked-for example is not there', () => {
    const none = matchCall([pets], settings(), call('GET', '/pets', { 'x-mock-response-name': 'Parrot' }))
    expect(none).toMatchObject({ ok: false, nearest: ['GET /pets'] })
    expect(none.note).toBe(
      'x-mock-response-name asked for an example named “Parrot”, and GET /pets has “Missing”, “Cat”, “Dog”, “Version 2”.',
    )
    expect(matchCall([pets], settings(), call('GET', '/pets', { 'x-mock-response-code': '500' })).ok).toBe(false)
  })

  it("uses the route's chosen example before scoring, and ignores a choice that names no example", () => {
    const chosen = { routes: [choice('GET /pets', { example: 'Dog' })] }
    expect(pick(call('GET', '/pets?type=cat'), chosen).example.name).toBe('Dog')
    const stale = { routes: [choice('GET /pets', { example: 'Gone' })] }
    expect(pick(call('GET', '/pets?type=cat'), stale).example.name).toBe('Cat')
  })

  it("scores the examples' saved requests by query and headers", () => {
    expect(pick(call('GET', '/pets?type=cat')).example.name).toBe('Cat')
    expect(pick(call('GET', '/pets?type=dog&size=big')).example.name).toBe('Dog')
    // Dog fits one of two parameters (+2 −1), Cat none (−1).
    expect(pick(call('GET', '/pets?type=dog')).example.name).toBe('Dog')
    expect(pick(call('GET', '/pets', { 'x-api-version': '2' })).example.name).toBe('Version 2')
    expect(pick(call('GET', '/pets', { 'x-api-version': '3' })).example.name).toBe('Missing')
  })

  it('falls back to the first example', () => {
    const first = pick(call('GET', '/pets'))
    expect(first.example.name).toBe('Missing')
    expect(first.note).toBe('GET /pets answered with example “Missing” (the first).')
  })

  it("overrides status and delay from the route's choice; the mock's delay is the default", () => {
    const over = pick(call('GET', '/pets'), { delayMs: 40, routes: [choice('GET /pets', { status: 503 })] })
    expect(over.status).toBe(503)
    expect(over.delayMs).toBe(40)
    expect(over.note).toBe(
      "GET /pets answered with example “Missing” (the first), status 503 (the route's override), after 40 ms.",
    )
    const delayed = pick(call('GET', '/pets'), { delayMs: 40, routes: [choice('GET /pets', { delayMs: 5 })] })
    expect(delayed.delayMs).toBe(5)
    expect(delayed.status).toBe(404)
    // A Postman header that picked the example by status keeps it.
    const asked = pick(call('GET', '/pets', { 'x-mock-response-code': '200' }), {
      routes: [choice('GET /pets', { status: 503 })],
    })
    expect(asked.status).toBe(200)
  })
})
