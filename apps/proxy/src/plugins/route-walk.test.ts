import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { connect, type AddressInfo } from 'node:net'
import { join } from 'node:path'
import Fastify, { type FastifyInstance, type RouteHandlerMethod } from 'fastify'
import { TOKEN_HEADER } from '@courier/shared'
import { describe, expect, it, onTestFinished } from 'vitest'
import { app } from '../app.js'
import { historyEntry } from '../storage/store-contract.js'
import { tempDataDir, testConfig, TEST_TOKEN } from '../test/build-test-app.js'

/**
 * The routes anyone who can reach Courier may run: the page, its static files, the login link and
 * the OAuth callback (checked by its own state). Everything else must refuse a caller without
 * credentials, however the request line spells the path. This list is the test's own oracle.
 */
const EXPECTED_PUBLIC = new Set([
  'GET /',
  'GET /index.html',
  'GET /login',
  'GET /oauth/callback',
  'POST /oauth/callback',
  'GET /visualizer.html',
  'GET /*',
])
const isExpectedPublic = (method: string, url: string) =>
  EXPECTED_PUBLIC.has(`${method === 'HEAD' ? 'GET' : method} ${url}`)
/**
 * The capture forwarder's routes (issue 18), every method: they need no Courier credential (a
 * captured app on another origin has none) but keep the Host check; the mount decides the rest.
 */
const EXPECTED_CAPTURE = new Set(['/capture/:name', '/capture/:name/*'])

type Route = { method: string; url: string }

/** The whole app with every handler wrapped to record that it ran; routes enumerated as registered. */
async function walkableApp() {
  const webDist = join(tempDataDir(), 'web')
  mkdirSync(join(webDist, 'assets'), { recursive: true })
  writeFileSync(
    join(webDist, 'index.html'),
    '<!doctype html><html><head><title>Courier</title></head><body></body></html>',
  )
  writeFileSync(join(webDist, 'assets', 'app.js'), 'console.log(1)')
  const config = testConfig({ webDist })
  const fastify = Fastify({ forceCloseConnections: true })
  const routes: Route[] = []
  const ran: string[] = []
  fastify.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    for (const method of methods) routes.push({ method, url: route.url! })
    const handler = route.handler as RouteHandlerMethod
    route.handler = function (this: FastifyInstance, request, reply) {
      ran.push(`${request.method} ${request.routeOptions.url}`)
      return handler.call(this, request, reply)
    } as RouteHandlerMethod
  })
  await fastify.register(app, config)
  await fastify.listen({ host: '127.0.0.1', port: 0 })
  onTestFinished(() => fastify.close())
  const port = (fastify.server.address() as AddressInfo).port
  return { fastify, routes, ran, port, dataDir: config.dataDir }
}

/** A concrete path for a route pattern: params and wildcards filled in. */
function concrete(url: string): string {
  return url.replace(/:[A-Za-z0-9_]+/g, 'x1').replace(/\*$/, 'x')
}

function encodeFirst(segment: string): string {
  return segment ? `%${segment.charCodeAt(0).toString(16)}${segment.slice(1)}` : segment
}

/** Every spelling of `path` a router might route to the same handler. */
function spellings(path: string, authority: string): string[] {
  const segments = path.split('/').slice(1)
  const first = segments[0] ?? ''
  const rest = segments.slice(1).join('/')
  const tail = rest ? `/${rest}` : ''
  const forms = [
    path,
    `/${segments.map(encodeFirst).join('/')}`,
    `/${first
      .split('')
      .map((c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
      .join('')}${tail}`,
    `/%25${first.charCodeAt(0)?.toString(16)}${first.slice(1)}${tail}`,
    `/${path}`,
    `//${first}/${rest}`,
    `/${first}//${rest}`,
    `/./${first}${tail}`,
    `/${first}/.${tail}`,
    `/nothing/../${first}${tail}`,
    `/${first}/nothing/..${tail}`,
    `/${first}%2F${rest}`,
    path.toUpperCase(),
    `/${first.charAt(0).toUpperCase()}${first.slice(1)}${tail}`,
    `${path}/`,
    `${path};x=1`,
    `${path}?x=1`,
  ]
  return [
    ...new Set([
      ...forms,
      ...forms.map((form) => `http://${authority}${form}`),
      `HTTP://${authority.toUpperCase()}${path}`,
    ]),
  ]
}

const JSON_BODY = '{}'
const MULTIPART_BODY =
  '--B\r\nContent-Disposition: form-data; name="file"; filename="walk.bin"\r\nContent-Type: application/octet-stream\r\n\r\nwalked\r\n--B--\r\n'
const bodies = (method: string) =>
  method === 'GET' || method === 'HEAD'
    ? [{ type: undefined, body: '' }]
    : [
        { type: 'application/json', body: JSON_BODY },
        { type: 'multipart/form-data; boundary=B', body: MULTIPART_BODY },
      ]

/** One raw request line written to a real socket; answers the status code (0 if the socket just closed). */
function rawRequest(
  port: number,
  method: string,
  target: string,
  host: string,
  type: string | undefined,
  body: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let answer = ''
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => (answer += chunk))
    socket.on('error', reject)
    socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)))
    const headers = [
      `${method} ${target} HTTP/1.1`,
      `Host: ${host}`,
      'Connection: close',
      ...(type ? [`Content-Type: ${type}`, `Content-Length: ${Buffer.byteLength(body)}`] : []),
    ]
    socket.end(`${headers.join('\r\n')}\r\n\r\n${body}`)
  })
}

describe('the security gate decides on the route that will run', () => {
  it('refuses every gated route, in every spelling, over a real socket and inject, without credentials', async () => {
    const { fastify, routes, ran, port, dataDir } = await walkableApp()
    const host = `127.0.0.1:${port}`
    const entry = historyEntry()
    await fastify.store.history.append(entry)
    const gated = routes.filter(
      (route) => !isExpectedPublic(route.method, route.url) && !EXPECTED_CAPTURE.has(route.url),
    )
    // Capture routes without a mount answer CAPTURE_MOUNT_UNKNOWN, never a forwarder's handler; a foreign Host is refused first.
    const capture = routes.filter((route) => EXPECTED_CAPTURE.has(route.url))
    expect(new Set(capture.map((route) => route.method))).toEqual(
      new Set(['DELETE', 'GET', 'HEAD', 'PATCH', 'POST', 'PUT', 'OPTIONS']),
    )
    for (const route of capture) {
      const before = ran.length
      const url = concrete(route.url)
      const unknown = await fastify.inject({ method: route.method as 'GET', url, headers: { host } })
      expect(unknown.statusCode, `${route.method} ${url}`).toBe(404)
      if (route.method !== 'HEAD') expect(unknown.json().error.code).toBe('CAPTURE_MOUNT_UNKNOWN')
      const foreign = await fastify.inject({ method: route.method as 'GET', url, headers: { host: 'evil.test' } })
      expect(foreign.statusCode).toBe(403)
      expect(ran.slice(before)).toEqual([])
    }
    expect(gated.length).toBeGreaterThan(30)
    expect(gated.map((r) => r.url)).toEqual(
      expect.arrayContaining(['/api/history', '/api/files', '/api/environments', '/api/send']),
    )

    const answered = new Map<string, number>()
    for (const route of gated) {
      for (const target of spellings(concrete(route.url), host)) {
        for (const { type, body } of bodies(route.method)) {
          const label = `${route.method} ${target} ${type ?? ''}`
          const before = ran.length
          const status = await rawRequest(port, route.method, target, host, type, body)
          const injected = await fastify.inject({
            method: route.method as 'GET',
            url: target,
            headers: { host, ...(type ? { 'content-type': type } : {}) },
            payload: body || undefined,
          })
          const gatedRan = ran.slice(before).filter((run) => !isExpectedPublic(run.split(' ')[0]!, run.split(' ')[1]!))
          expect(gatedRan, `${label} ran a gated handler`).toEqual([])
          expect(status === 0 || status >= 300, `${label} answered ${status} over the socket`).toBe(true)
          expect(injected.statusCode >= 300, `${label} answered ${injected.statusCode} by inject`).toBe(true)
          answered.set(label, status)
        }
      }
    }
    expect(answered.size).toBeGreaterThan(gated.length * 10)
    // Nothing a gated handler would have done happened: the history is intact, no file was stored.
    expect(await fastify.store.history.get(entry.id)).toEqual(entry)
    const files = join(dataDir, 'files')
    expect(readdirSync(files, { withFileTypes: true }).filter((f) => f.isFile())).toEqual([])

    // The recorder sees handlers run: with the in-process secret the same route does run.
    const owner = await fastify.inject({
      method: 'GET',
      url: '/api/history',
      headers: { host, [TOKEN_HEADER]: TEST_TOKEN },
    })
    expect(owner.statusCode).toBe(200)
    expect(ran).toContain('GET /api/history')
  }, 120_000)
})
