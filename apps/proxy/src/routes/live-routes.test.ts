import { CLIENT_HEADER, WORKSPACE_HEADER } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { isEvent, openEventStream, type Frame } from '../test/event-stream.js'
import { actor, startLiveServer } from '../test/live-server.js'
import { signIn } from '../test/build-test-app.js'

const ready = isEvent('ready')
const changeOf = (id: string) => isEvent('change', (data) => data.id === id)
const data = (frame: Frame) => ('data' in frame ? (JSON.parse(frame.data) as Record<string, unknown>) : null)

describe('GET /api/events (single-user)', () => {
  it('streams every saved change to a signed-in page, with who, which page and which version', async () => {
    const server = await startLiveServer()
    const page = await signIn(server.fastify, new URL(server.origin).host)
    const stream = await openEventStream(`${server.origin}/api/events`, { cookie: page.cookie })
    expect(stream.status).toBe(200)
    expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    await stream.next(ready)

    const created = await server.call('POST', '/api/collections', { name: 'Shop' })
    const collectionId = (created.json as { id: string }).id
    const saved = await page.page({
      method: 'POST',
      url: '/api/items',
      headers: { [CLIENT_HEADER]: 'tab-a' },
      payload: { collectionId, kind: 'request', name: 'List', request: { method: 'GET', url: 'http://a.test/' } },
    })
    const item = saved.json() as { id: string; version: number }
    const event = data(await stream.next(changeOf(item.id)))
    expect(event).toMatchObject({
      workspaceId: 'local',
      kind: 'item',
      id: item.id,
      version: item.version,
      action: 'saved',
      by: { userId: 'local' },
      clientId: 'tab-a',
    })
    expect(data(await stream.next(changeOf(collectionId)))).toMatchObject({ kind: 'collection', action: 'saved' })

    await server.call('DELETE', `/api/items/${item.id}`)
    await stream.next(isEvent('change', (d) => d.id === item.id && d.action === 'deleted'))
    const env = await server.call('POST', '/api/environments', { name: 'Staging', variables: [] })
    await stream.next(changeOf((env.json as { id: string }).id))
    stream.close()
  })

  it('refuses a browser without a session, before any stream opens', async () => {
    const server = await startLiveServer()
    const stream = await openEventStream(`${server.origin}/api/events`, {})
    expect(stream.status).toBe(401)
  })

  it('sends a heartbeat comment on an idle stream, and ends every stream when the server closes', async () => {
    const server = await startLiveServer({ live: { heartbeatMs: 40 } })
    const stream = await openEventStream(`${server.origin}/api/events`, server.headers())
    await stream.next((frame) => 'comment' in frame && frame.comment === 'heartbeat')
    const listeners = () => (server.fastify.services.bus as unknown as { listeners: { size: number } }).listeners.size
    expect(listeners()).toBe(1)
    await server.fastify.close()
    await stream.ended
    expect(listeners()).toBe(0)
  })

  it('forgets a stream the page closes: its listener goes', async () => {
    const server = await startLiveServer()
    const listeners = () => (server.fastify.services.bus as unknown as { listeners: { size: number } }).listeners.size
    const stream = await openEventStream(`${server.origin}/api/events`, server.headers())
    await stream.next(ready)
    expect(listeners()).toBe(1)
    stream.close()
    await expect.poll(listeners, { timeout: 5000, interval: 10 }).toBe(0)
  })
})

describe('GET /api/events (team mode)', () => {
  const people = { ann: actor('ann', 'Ann'), bob: actor('bob', 'Bob'), carl: actor('carl', 'Carl') }

  it("gives a member their workspace's changes only, and a non-member a 404", async () => {
    const server = await startLiveServer({ team: true }, people)
    const memberships = server.fastify.store.memberships
    const a = await memberships.createWorkspace('Team A', 'team', 'ann')
    await memberships.setRole(a.id, 'carl', 'editor')
    const b = await memberships.createWorkspace('Team B', 'team', 'bob')

    const denied = await openEventStream(`${server.origin}/api/events?workspace=${b.id}`, server.headers('ann'))
    expect(denied.status).toBe(404)
    const stream = await openEventStream(`${server.origin}/api/events?workspace=${a.id}`, server.headers('ann'))
    expect(stream.status).toBe(200)
    await stream.next(ready)

    const inB = { [WORKSPACE_HEADER]: b.id }
    const theirs = await server.fastify.inject({
      method: 'POST',
      url: '/api/collections',
      headers: { ...server.headers('bob'), host: new URL(server.origin).host, ...inB },
      payload: { name: 'Secret plans' },
    })
    expect(theirs.statusCode).toBe(201)
    const ours = await server.fastify.inject({
      method: 'POST',
      url: '/api/collections',
      headers: { ...server.headers('carl'), host: new URL(server.origin).host, [WORKSPACE_HEADER]: a.id },
      payload: { name: 'Shop' },
    })
    const event = data(await stream.next(changeOf(ours.json<{ id: string }>().id)))
    expect(event).toMatchObject({ workspaceId: a.id, by: { userId: 'carl', name: 'Carl' } })
    // Bob's event was published first; the stream is in order, so it would be here by now.
    const ids = stream.frames.map(data).map((d) => d?.id)
    expect(ids).not.toContain(theirs.json<{ id: string }>().id)
    expect(JSON.stringify(stream.frames)).not.toContain(b.id)
    stream.close()
  })

  it('ends the stream of a member who is removed', async () => {
    const server = await startLiveServer({ team: true, live: { heartbeatMs: 30 } }, people)
    const memberships = server.fastify.store.memberships
    const a = await memberships.createWorkspace('Team A', 'team', 'carl')
    await memberships.setRole(a.id, 'ann', 'editor')
    const stream = await openEventStream(`${server.origin}/api/events?workspace=${a.id}`, server.headers('ann'))
    await stream.next(ready)
    await memberships.removeMember(a.id, 'ann')
    await stream.ended
  })
})
