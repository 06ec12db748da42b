import { WORKSPACE_HEADER, type RunList, type RunReport, type RunSummary } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { buildTeamTestApp } from '../test/team-test-app.js'
import { startUpstream } from '../test/upstream.js'

/** Team mode: a kept run is its starter's, in the workspace it was started in. */
describe('kept runs on a team server', () => {
  it("a second workspace (and another member) can neither see nor stop the first's run", async () => {
    const team = await buildTeamTestApp()
    const { owner, editor, viewer } = team.users
    let arrived!: () => void
    const held = new Promise<void>((resolve) => (arrived = resolve))
    const upstream = await startUpstream((request, response) => {
      if (request.url === '/slow') {
        arrived()
        return // held until the run is stopped
      }
      response.end('ok')
    })
    const inTeam = (
      userId: string,
      method: 'GET' | 'POST' | 'DELETE',
      url: string,
      payload?: Record<string, unknown>,
    ) => team.as(userId, { method, url, ...(payload === undefined ? {} : { payload }) })
    const collection = (await inTeam(owner, 'POST', '/api/collections', { name: 'Shop' })).json<{ id: string }>().id
    await inTeam(owner, 'POST', '/api/items', {
      kind: 'request',
      collectionId: collection,
      name: 'Slow',
      request: { method: 'GET', url: upstream.url('/slow') },
    })
    const second = (await inTeam(owner, 'POST', '/api/workspaces', { name: 'Second' })).json<{ id: string }>().id

    const started = await inTeam(owner, 'POST', '/api/runs/start', { collection: 'Shop' })
    expect(started.statusCode, started.body).toBe(200)
    const { id } = started.json<RunSummary>()
    await held

    const inSecond = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: Record<string, unknown>) =>
      team.as(owner, {
        method,
        url,
        headers: { [WORKSPACE_HEADER]: second },
        ...(payload === undefined ? {} : { payload }),
      })
    // Not even the collection is there: the second workspace cannot start it either.
    expect((await inSecond('POST', '/api/runs/start', { collection: collection })).statusCode).toBe(404)
    expect((await inSecond('GET', '/api/runs')).json<RunList>().runs).toEqual([])
    const madeUp = '01900000-0000-7000-8000-00000000ffff'
    for (const [method, path, payload] of [
      ['GET', '', undefined],
      ['POST', '/stop', {}],
      ['DELETE', '', undefined],
    ] as const) {
      const theirs = await inSecond(method, `/api/runs/${id}${path}`, payload)
      const unknown = await inSecond(method, `/api/runs/${madeUp}${path}`, payload)
      expect(theirs.statusCode, `${method} ${path}`).toBe(404)
      expect(theirs.json()).toEqual(unknown.json())
      // Another member of the same workspace: the run is the starter's, like their history.
      expect((await inTeam(editor, method, `/api/runs/${id}${path}`, payload)).statusCode).toBe(404)
    }
    expect((await inTeam(owner, 'GET', `/api/runs/${id}`)).json<RunReport>().state).toBe('running')

    // The starter stops it; a viewer may run too (a run sends, and saves nothing shared).
    const stopped = await inTeam(owner, 'POST', `/api/runs/${id}/stop`, {})
    expect(stopped.json<RunReport>()).toMatchObject({ state: 'stopped', stoppedReason: 'Stopped.' })
    const byViewer = await inTeam(viewer, 'POST', '/api/runs', { collection: 'Shop', timeoutMs: 100 })
    expect(byViewer.statusCode, byViewer.body).toBe(200)
    expect(byViewer.json<RunReport>().steps).toHaveLength(1)
    expect((await inTeam(viewer, 'GET', '/api/runs')).json<RunList>().runs.map((r) => r.id)).toEqual([
      byViewer.json<RunReport>().id,
    ])
  })
})
