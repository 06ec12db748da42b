import { CAPTURE_EVENTS_PATH, type CaptureMount, type ChangeEvent } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { signIn, tempDataDir } from '../test/build-test-app.js'
import { isEvent, openEventStream } from '../test/event-stream.js'
import { startLiveServer } from '../test/live-server.js'
import { historyEntry } from '../storage/store-contract.js'
import { captureBusKey } from './capture-events.js'

const errorOf = (json: unknown) => (json as { error: { code: string; message: string; field?: string } }).error

describe('capture mounts: /api/capture/mounts', () => {
  it('creates, lists, changes and deletes a mount, named server-wide, with its capture URL', async () => {
    const server = await startLiveServer()
    expect((await server.call('GET', '/api/capture/mounts')).json).toEqual([])
    const created = await server.call('POST', '/api/capture/mounts', {
      name: 'shop-api',
      upstream: 'http://127.0.0.1:9/v1',
      allowedOrigins: ['http://localhost:5173'],
      headers: [['Authorization', 'Bearer {{token}}']],
    })
    expect(created.status).toBe(200)
    const mount = created.json as CaptureMount
    expect(mount).toMatchObject({
      name: 'shop-api',
      upstream: 'http://127.0.0.1:9/v1',
      allowedOrigins: ['http://localhost:5173'],
      headers: [['Authorization', 'Bearer {{token}}']],
      environmentId: null,
      enabled: true,
      version: 1,
      url: `${server.origin}/capture/shop-api`,
    })
    expect((await server.call('GET', '/api/capture/mounts')).json).toEqual([mount])

    const taken = await server.call('POST', '/api/capture/mounts', { name: 'shop-api', upstream: 'http://a.test' })
    expect(taken.status).toBe(409)
    expect(errorOf(taken.json)).toMatchObject({ code: 'NAME_TAKEN', field: 'name' })

    const paused = await server.call('PATCH', `/api/capture/mounts/${mount.id}`, { version: 1, enabled: false })
    expect(paused.json).toMatchObject({ enabled: false, version: 2, name: 'shop-api' })
    const stale = await server.call('PATCH', `/api/capture/mounts/${mount.id}`, { version: 1, name: 'other' })
    expect(stale.status).toBe(409)
    expect(errorOf(stale.json).code).toBe('STORAGE_CONFLICT')

    expect((await server.call('DELETE', `/api/capture/mounts/${mount.id}`)).status).toBe(200)
    expect((await server.call('GET', '/api/capture/mounts')).json).toEqual([])
    const again = await server.call('DELETE', `/api/capture/mounts/${mount.id}`)
    expect(errorOf(again.json).code).toBe('NOT_FOUND')
  })

  it('refuses names that are not a path segment, upstreams that are not base URLs, and metadata hosts', async () => {
    const server = await startLiveServer()
    const refused = async (body: unknown) => errorOf((await server.call('POST', '/api/capture/mounts', body)).json)
    expect(await refused({ name: '../api', upstream: 'http://a.test' })).toMatchObject({
      code: 'INVALID_REQUEST',
      field: 'name',
      message: expect.stringMatching(/must be lower-case letters, digits and dashes/),
    })
    expect(await refused({ name: 'ok', upstream: 'file:///etc/passwd' })).toMatchObject({ field: 'upstream' })
    expect(await refused({ name: 'ok', upstream: 'http://user:pw@a.test' })).toMatchObject({
      code: 'URL_INVALID',
      field: 'upstream',
    })
    expect(await refused({ name: 'ok', upstream: 'http://a.test/?x=1' })).toMatchObject({ code: 'URL_INVALID' })
    expect(await refused({ name: 'ok', upstream: 'http://metadata.google.internal/' })).toMatchObject({
      code: 'TARGET_FORBIDDEN',
    })
    expect(await refused({ name: 'ok', upstream: 'http://a.test', environmentId: 'nope' })).toMatchObject({
      code: 'NOT_FOUND',
      field: 'environmentId',
    })
    expect(
      await refused({ name: 'ok', upstream: 'http://a.test', allowedOrigins: ['http://a.test/path'] }),
    ).toMatchObject({ code: 'INVALID_REQUEST' })
  })

  it('keeps a mount’s headers sealed at rest', async () => {
    const dataDir = tempDataDir()
    const server = await startLiveServer({ dataDir })
    await server.call('POST', '/api/capture/mounts', {
      name: 'sealed',
      upstream: 'http://a.test',
      headers: [['Authorization', 'Bearer literal-secret-4711']],
    })
    const rows = await server.fastify.store.captureMounts.byName('sealed')
    expect(rows?.headers).toEqual([['Authorization', 'Bearer literal-secret-4711']])
    const db = new Database(join(dataDir, 'courier.sqlite'), { readonly: true })
    const kept = db.prepare('SELECT data_json FROM capture_mounts WHERE name = ?').get('sealed') as {
      data_json: string
    }
    db.close()
    expect(kept.data_json).not.toContain('literal-secret-4711')
    expect(kept.data_json).not.toContain('Authorization')
  })
})

describe('capture mounts: GET /api/capture/events', () => {
  it('streams the summary of each exchange announced for the caller, read from their own history', async () => {
    const server = await startLiveServer()
    const page = await signIn(server.fastify, new URL(server.origin).host)
    const stream = await openEventStream(`${server.origin}${CAPTURE_EVENTS_PATH}`, { cookie: page.cookie })
    expect(stream.status).toBe(200)
    await stream.next(isEvent('ready'))

    const entry = historyEntry({ url: 'http://upstream.test/v1/users?page=2', status: 201 })
    await server.fastify.store.history.append(entry)
    const event = (id: string, userId = 'local'): ChangeEvent => ({
      workspaceId: captureBusKey(userId),
      kind: 'capture',
      id,
      version: null,
      action: 'saved',
      by: { userId, name: 'You' },
      clientId: null,
      instanceId: server.fastify.services.bus.instanceId,
      at: new Date().toISOString(),
    })
    // Another person's announcement, and one naming an entry that is not in the caller's history: nothing.
    await server.fastify.services.bus.publish(event(entry.id, 'someone-else'))
    await server.fastify.services.bus.publish(event('0190aaaa-0000-7000-8000-000000000000'))
    await server.fastify.services.bus.publish(event(entry.id))
    const frame = await stream.next(isEvent('capture'))
    expect(JSON.parse('data' in frame ? frame.data : '{}')).toEqual({
      id: entry.id,
      createdAt: entry.createdAt,
      method: 'GET',
      url: 'http://upstream.test/v1/users?page=2',
      status: 201,
      errorCode: null,
      durationMs: entry.durationMs,
      size: entry.size,
    })
    stream.close()
  })

  it('refuses a browser without a session before the stream opens', async () => {
    const server = await startLiveServer()
    const stream = await openEventStream(`${server.origin}${CAPTURE_EVENTS_PATH}`, {})
    expect(stream.status).toBe(401)
    stream.close()
  })
})
