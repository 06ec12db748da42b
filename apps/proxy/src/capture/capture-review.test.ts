import { gzipSync } from 'node:zlib'
import type { CaptureMount } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { AllowList } from '../engine/allow-list.js'
import { startUpstream } from '../test/upstream.js'
import { ensurePerson } from '../test/team-sessions.js'
import { call, startCaptureServer } from '../test/capture-kit.js'

describe('capture mounts, as a review found them wanting', () => {
  it('a Pause changes only what it sends: the origins, headers and environment stay', async () => {
    const courier = await startCaptureServer()
    const made = await courier.call('POST', '/api/capture/mounts', {
      name: 'keeps',
      upstream: 'http://127.0.0.1:9',
      allowedOrigins: ['http://localhost:5173'],
      headers: [['X-Env', 'staging']],
    })
    const mount = made.json as CaptureMount
    const paused = (await courier.call('PATCH', `/api/capture/mounts/${mount.id}`, { version: 1, enabled: false }))
      .json as CaptureMount
    expect(paused).toEqual({ ...mount, enabled: false, version: 2, updatedAt: paused.updatedAt })
    const listed = (await courier.call('GET', '/api/capture/mounts')).json as CaptureMount[]
    expect(listed[0]).toMatchObject({ allowedOrigins: ['http://localhost:5173'], headers: [['X-Env', 'staging']] })
  })

  it('team mode: a mount stops forwarding once its owner leaves the workspace or is disabled', async () => {
    const upstream = await startUpstream((_request, response) => response.end('ok'))
    const courier = await startCaptureServer({ team: true, allowTargets: AllowList.parse(['127.0.0.1/32']) })
    const { store } = courier.fastify
    const owner = await ensurePerson(courier.fastify, { id: 'u-olga', email: 'olga@team.test', name: 'Olga' })
    const ann = await ensurePerson(courier.fastify, { id: 'u-ann', email: 'ann@team.test', name: 'Ann' })
    const workspace = await store.memberships.createWorkspace('Team', 'team', owner.id)
    await store.memberships.setRole(workspace.id, ann.id, 'editor')
    await store.captureMounts.create(ann.id, workspace.id, { name: 'ann-x', upstream: upstream.url('') })
    expect((await call(courier.port, '/capture/ann-x/')).status).toBe(200)

    await store.memberships.removeMember(workspace.id, ann.id)
    const gone = await call(courier.port, '/capture/ann-x/')
    expect(gone.status).toBe(404)
    expect(JSON.parse(gone.body.toString()).error.code).toBe('CAPTURE_MOUNT_UNKNOWN')

    await store.memberships.setRole(workspace.id, ann.id, 'editor')
    await store.users.setDisabled(ann.id, new Date().toISOString())
    expect((await call(courier.port, '/capture/ann-x/')).status).toBe(404)
    expect(upstream.received.length).toBe(1)
  })

  it('reaches the upstream once for a GET answered 503 (no retries of its own)', async () => {
    const upstream = await startUpstream((_request, response) => {
      response.statusCode = 503
      response.setHeader('retry-after', '0')
      response.end('busy')
    })
    const courier = await startCaptureServer()
    await courier.mount({ name: 'busy', upstream: upstream.url('') })
    const answer = await call(courier.port, '/capture/busy/x')
    expect(answer.status).toBe(503)
    expect(answer.body.toString()).toBe('busy')
    expect(upstream.received.length).toBe(1)
  })

  it('drops hop-by-hop headers and Expect (curl sends it on big uploads), and asks for a body it can read', async () => {
    const upstream = await startUpstream((request, response) => {
      response.setHeader('content-type', 'application/json')
      response.end(JSON.stringify(request.headers))
    })
    const courier = await startCaptureServer()
    await courier.mount({ name: 'hops', upstream: upstream.url('') })
    const answer = await call(courier.port, '/capture/hops/upload', {
      method: 'POST',
      headers: {
        expect: '100-continue',
        'keep-alive': 'timeout=5',
        'proxy-authorization': 'Basic eDp5',
        'accept-encoding': 'gzip, br',
        'content-type': 'text/plain',
      },
      body: 'x'.repeat(2048),
    })
    expect(answer.status).toBe(200)
    const seen = JSON.parse(answer.body.toString()) as Record<string, string>
    for (const name of ['expect', 'keep-alive', 'proxy-authorization', 'accept-encoding'])
      expect(seen[name], name).toBeUndefined()
    expect(seen['content-type']).toBe('text/plain')
  })

  it('masks a literal credential injected under a header name no rule knows, wherever it reappears', async () => {
    const upstream = await startUpstream((request, response) => {
      response.setHeader('content-type', 'application/json')
      response.end(JSON.stringify({ echoed: request.headers['private-token'] }))
    })
    const courier = await startCaptureServer()
    await courier.mount({
      name: 'gitlab',
      upstream: upstream.url(''),
      headers: [
        ['PRIVATE-TOKEN', 'glpat-literal-secret-42'],
        ['X-Env', 'staging'],
      ],
    })
    const events = courier.events()
    const answer = await call(courier.port, '/capture/gitlab/projects')
    expect(JSON.parse(answer.body.toString())).toEqual({ echoed: 'glpat-literal-secret-42' })
    const entry = await courier.entry((await events.next()).id)
    expect(JSON.stringify(entry)).not.toContain('glpat-literal-secret-42')
    expect(JSON.stringify(entry)).toContain('staging')
  })

  it('an upstream that compresses anyway is passed on as it came', async () => {
    const upstream = await startUpstream((_request, response) => {
      response.setHeader('content-encoding', 'gzip')
      response.setHeader('content-type', 'text/plain')
      response.end(gzipSync('zipped'))
    })
    const courier = await startCaptureServer()
    await courier.mount({ name: 'zipped', upstream: upstream.url('') })
    const answer = await call(courier.port, '/capture/zipped/')
    expect(answer.headers['content-encoding']).toBe('gzip')
    expect(answer.body).toEqual(gzipSync('zipped'))
  })
})
