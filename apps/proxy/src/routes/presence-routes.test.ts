import { WORKSPACE_HEADER } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { isEvent, openEventStream } from '../test/event-stream.js'
import { actor, startLiveServer, type LiveServer } from '../test/live-server.js'

const people = { ann: actor('ann', 'Ann'), carl: actor('carl', 'Carl') }

async function team(server: LiveServer) {
  const ws = await server.fastify.store.memberships.createWorkspace('Team', 'team', 'ann')
  await server.fastify.store.memberships.setRole(ws.id, 'carl', 'editor')
  const as = (user: string) => ({
    ...server.headers(user),
    [WORKSPACE_HEADER]: ws.id,
    host: new URL(server.origin).host,
  })
  const report = (user: string, clientId: string, itemId: string | null) =>
    server.fastify.inject({ method: 'PUT', url: '/api/presence', headers: as(user), payload: { clientId, itemId } })
  const viewers = async (user: string) =>
    (await server.fastify.inject({ method: 'GET', url: '/api/presence', headers: as(user) })).json()
  return { ws, report, viewers }
}

describe('presence (team mode)', () => {
  it('shows who else views which request, never oneself, until the report expires', async () => {
    let clock = Date.parse('2026-12-02T10:00:00Z')
    const server = await startLiveServer({ team: true, now: () => clock, live: { presenceTtlMs: 30_000 } }, people)
    const { report, viewers } = await team(server)

    const answer = await report('ann', 'ann-tab', 'item-1')
    expect(answer.statusCode).toBe(200)
    expect(answer.json()).toEqual([])
    // Two pages of Carl's on the same request are one viewer.
    await report('carl', 'carl-1', 'item-1')
    await report('carl', 'carl-2', 'item-1')
    expect(await viewers('ann')).toEqual([{ userId: 'carl', name: 'Carl', itemId: 'item-1' }])
    expect(await viewers('carl')).toEqual([{ userId: 'ann', name: 'Ann', itemId: 'item-1' }])

    await report('ann', 'ann-tab', 'item-2')
    expect(await viewers('carl')).toEqual([{ userId: 'ann', name: 'Ann', itemId: 'item-2' }])
    await report('ann', 'ann-tab', null)
    expect(await viewers('carl')).toEqual([])

    await report('ann', 'ann-tab', 'item-2')
    clock += 30_001
    expect(await viewers('carl')).toEqual([])
  })

  it('publishes a presence change to the workspace when a page moves to another request, not on a heartbeat', async () => {
    const server = await startLiveServer({ team: true }, people)
    const { ws, report } = await team(server)
    const stream = await openEventStream(`${server.origin}/api/events?workspace=${ws.id}`, server.headers('carl'))
    await stream.next(isEvent('ready'))
    await report('ann', 'ann-tab', 'item-1')
    await stream.next(isEvent('change', (d) => d.kind === 'presence' && d.id === 'item-1'))
    await report('ann', 'ann-tab', 'item-1')
    await report('ann', 'ann-tab', null)
    // A later change marks the end: the stream is in order, so every presence event is in by then.
    const marker = await server.fastify.inject({
      method: 'POST',
      url: '/api/collections',
      headers: { ...server.headers('carl'), [WORKSPACE_HEADER]: ws.id, host: new URL(server.origin).host },
      payload: { name: 'Marker' },
    })
    await stream.next(isEvent('change', (d) => d.id === marker.json<{ id: string }>().id))
    const presence = stream.frames.filter(isEvent('change', (d) => d.kind === 'presence'))
    // The move to item-1 and the leaving of it (which names the request left, so its viewers refetch).
    expect(presence.map((f) => ('data' in f ? JSON.parse(f.data).id : null))).toEqual(['item-1', 'item-1'])
    stream.close()
  })

  it('refuses a report that is not one, with a code', async () => {
    const server = await startLiveServer({ team: true }, people)
    const { report } = await team(server)
    const bad = await report('ann', 'no spaces allowed', 'item-1')
    expect(bad.statusCode).toBe(400)
    expect(bad.json()).toMatchObject({ error: { code: 'INVALID_REQUEST' } })
  })
})

describe('presence (single-user)', () => {
  it('keeps and shows nothing', async () => {
    const server = await startLiveServer()
    const put = await server.call('PUT', '/api/presence', { clientId: 'tab-1', itemId: 'item-1' })
    expect(put).toEqual({ status: 200, json: [] })
    expect(await server.call('GET', '/api/presence')).toEqual({ status: 200, json: [] })
  })
})
