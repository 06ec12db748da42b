import { RequestSpecSchema, type RequestSpecInput } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { AllowList } from '../engine/allow-list.js'
import { fetchImportUrl } from '../import-export/fetch-import-url.js'
import { buildTestApp } from '../test/build-test-app.js'
import { startUpstream } from '../test/upstream.js'
import { serverFetchContext } from './outbound.js'
import { performSend } from './perform-send.js'

/** A team server (its policy built by services.ts from the config) with these allow-list entries. */
async function teamServer(...allow: string[]) {
  const app = await buildTestApp({ team: true, allowTargets: AllowList.parse(allow) })
  const send = (request: RequestSpecInput) =>
    performSend({ request: RequestSpecSchema.parse(request) }, { ...app.services, log: app.log })
  return { app, send }
}

/** A real server on 127.0.0.1 that answers "reached". */
const target = () => startUpstream((_request, response) => response.end('reached'))

describe('where a team server sends', () => {
  it('refuses a loopback target at connect time, and says the admin can allow it', async () => {
    const upstream = await target()
    const { send } = await teamServer()
    const { record, httpStatus } = await send({ method: 'GET', url: upstream.url('/') })
    expect(record.error?.code).toBe('TARGET_FORBIDDEN')
    expect(record.error?.message).toMatch(/loopback addresses are blocked on this team server/)
    expect(record.error?.message).toMatch(/admin.*allow-list/)
    expect(httpStatus).toBe(403)
    expect(upstream.received).toHaveLength(0)
  })

  it('reaches it when a network on the allow-list covers the connected address', async () => {
    const upstream = await target()
    const { send } = await teamServer('127.0.0.0/8')
    const { record } = await send({ method: 'GET', url: upstream.url('/') })
    expect(record.error).toBeFalsy()
    expect(record.status).toBe(200)
    expect(upstream.received).toHaveLength(1)
  })

  it('reaches it when the URL’s host name is on the allow-list', async () => {
    const upstream = await target()
    const { send } = await teamServer('localhost')
    const { record } = await send({ method: 'GET', url: `http://localhost:${upstream.port}/` })
    expect(record.status).toBe(200)
    // The name, not the address: the same server by its IP literal is still refused.
    const literal = await send({ method: 'GET', url: upstream.url('/') })
    expect(literal.record.error?.code).toBe('TARGET_FORBIDDEN')
    expect(upstream.received).toHaveLength(1)
  })

  it('refuses a redirect from an allowed host to a refused address at that hop', async () => {
    const upstream = await startUpstream((request, response) => {
      if (request.url === '/start') {
        response.statusCode = 302
        response.setHeader('Location', `http://127.0.0.1:${upstream.port}/inside`)
        return response.end()
      }
      response.end('inside')
    })
    const { send } = await teamServer('localhost')
    const { record } = await send({ method: 'GET', url: `http://localhost:${upstream.port}/start` })
    expect(record.error?.code).toBe('TARGET_FORBIDDEN')
    expect(record.error?.message).toMatch(/127\.0\.0\.1/)
    expect(record.hops.map((hop) => hop.status)).toEqual([302])
    expect(upstream.received.map((request) => request.url)).toEqual(['/start'])
  })

  it('ignores a request’s own "allow link-local" switch: metadata stays refused before connecting', async () => {
    const { send } = await teamServer()
    const { record } = await send({
      method: 'GET',
      url: 'http://169.254.169.254/latest/meta-data/',
      settings: { allowLinkLocal: true, connectTimeoutMs: 500 },
    })
    expect(record.error?.code).toBe('TARGET_FORBIDDEN')
    expect(record.error?.phase).toBe('connect')
  })

  it('holds Courier’s own fetches (an import URL) to the same policy', async () => {
    const upstream = await startUpstream((_request, response) => response.end('{"openapi":"3.1.0"}'))
    const { app } = await teamServer()
    const context = await serverFetchContext(app.services.outbound, app.services.settings)
    await expect(fetchImportUrl(upstream.url('/spec.json'), context)).rejects.toThrow(/loopback addresses are blocked/)
    expect(upstream.received).toHaveLength(0)
  })

  it('keeps the single-user server reaching loopback, as before', async () => {
    const upstream = await target()
    const app = await buildTestApp()
    const { record } = await performSend(
      { request: RequestSpecSchema.parse({ method: 'GET', url: upstream.url('/') }) },
      { ...app.services, log: app.log },
    )
    expect(record.status).toBe(200)
  })
})
