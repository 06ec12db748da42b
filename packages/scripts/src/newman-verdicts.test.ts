import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { runScript } from './index.js'

interface NewmanSummary {
  run: { executions: { item: { name: string }; assertions?: { assertion: string; error?: unknown }[] }[] }
}
const newman = createRequire(import.meta.url)('newman') as {
  run: (options: object, done: (error: Error | null, summary: NewmanSummary) => void) => void
}

// newman 6 (postman-sandbox) is the judge: the same test scripts against the same local server
// must give the same pass/fail per test.
let server: Server
let base = ''

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/users/7') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'X-Request-Id': 'abc' })
      res.end(JSON.stringify({ id: 7, name: 'Ann', roles: ['admin', 'dev'], address: { city: 'Lyon' } }))
    } else if (req.url === '/missing') {
      res.writeHead(404, { 'Content-Type': 'text/plain' })
      res.end('Not here')
    } else {
      res.writeHead(500, { 'Content-Type': 'application/json' })
      res.end('{"error":"boom"}')
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

const scripts: Record<string, string> = {
  '/users/7': `
pm.test('status 200', () => pm.response.to.have.status(200))
pm.test('status 201 (fails)', () => pm.response.to.have.status(201))
pm.test('ok', () => pm.response.to.be.ok)
pm.test('json body', () => { pm.response.to.be.json; pm.response.to.have.jsonBody('address.city', 'Lyon') })
pm.test('header', () => pm.response.to.have.header('X-Request-Id', 'abc'))
pm.test('header missing (fails)', () => pm.response.to.have.header('X-Nope'))
pm.test('roles include admin', () => pm.expect(pm.response.json().roles).to.include('admin'))
pm.test('deep eql (fails)', () => pm.expect(pm.response.json().address).to.eql({ city: 'Paris' }))
pm.test('name is a string', () => pm.expect(pm.response.json().name).to.be.a('string').and.have.lengthOf(3))
pm.test('time', () => pm.expect(pm.response.responseTime).to.be.below(5000))
tests['legacy id'] = JSON.parse(responseBody).id === 7
tests['legacy code (fails)'] = responseCode.code === 204
`,
  '/missing': `
pm.test('not found', () => pm.response.to.be.notFound)
pm.test('client error', () => pm.response.to.be.clientError)
pm.test('ok (fails)', () => pm.response.to.be.ok)
pm.test('body text', () => pm.expect(pm.response.text()).to.equal('Not here'))
pm.test('json() throws (fails)', () => pm.response.json())
pm.test('not.be.error (fails)', () => pm.response.to.not.be.error)
`,
  '/boom': `
pm.test('server error', () => pm.response.to.be.serverError)
pm.test('error', () => pm.response.to.be.error)
pm.test('match (fails)', () => pm.expect(pm.response.json().error).to.match(/^fine/))
pm.test('above', () => pm.expect(pm.response.code).to.be.above(499))
`,
}

type Verdicts = Record<string, Record<string, boolean>>

function newmanVerdicts(): Promise<Verdicts> {
  const collection = {
    info: { name: 'verdicts', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    item: Object.entries(scripts).map(([path, code]) => ({
      name: path,
      request: { method: 'GET', url: `${base}${path}` },
      event: [{ listen: 'test', script: { type: 'text/javascript', exec: code.split('\n') } }],
    })),
  }
  return new Promise((resolve, reject) => {
    newman.run({ collection, reporters: [] }, (error, summary) => {
      if (error) return reject(error)
      const out: Verdicts = {}
      for (const execution of summary.run.executions) {
        const name = execution.item.name
        out[name] = {}
        for (const assertion of execution.assertions ?? []) out[name][assertion.assertion] = !assertion.error
      }
      resolve(out)
    })
  })
}

async function courierVerdicts(): Promise<Verdicts> {
  const out: Verdicts = {}
  for (const [path, code] of Object.entries(scripts)) {
    const started = performance.now()
    const res = await fetch(`${base}${path}`)
    const body = await res.text()
    const result = await runScript({
      kind: 'test',
      code,
      request: { method: 'GET', url: `${base}${path}` },
      response: {
        code: res.status,
        status: res.statusText,
        headers: [...res.headers].map(([key, value]) => ({ key, value })),
        body,
        responseTime: performance.now() - started,
      },
    })
    expect(result.error).toBeUndefined()
    out[path] = Object.fromEntries(result.tests.map((t) => [t.name, t.passed]))
  }
  return out
}

it('gives the same pass/fail per test as newman 6 on the same collection and server', async () => {
  const judge = await newmanVerdicts()
  const ours = await courierVerdicts()
  expect(Object.values(judge).flatMap((tests) => Object.keys(tests))).toHaveLength(22)
  expect(ours).toEqual(judge)
  // The collection is not trivially green or red.
  const all = Object.values(judge).flatMap((tests) => Object.values(tests))
  expect(all.filter(Boolean).length).toBe(14)
})
