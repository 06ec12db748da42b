import type { RunList, RunReport, RunSummary } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { buildTestApp, tempDataDir, type TestApp } from '../test/build-test-app.js'
import { startUpstream } from '../test/upstream.js'

/** A collection "Shop" of saved requests (name → URL), in order. */
async function shop(app: TestApp, requests: Record<string, string>) {
  const collection = await app.store.collections.create('Shop')
  const ids: string[] = []
  for (const [name, url] of Object.entries(requests))
    ids.push(
      (
        await app.store.collections.createItem({
          kind: 'request',
          collectionId: collection.id,
          name,
          request: { method: 'GET', url } as never,
        })
      ).id,
    )
  return { collection, ids }
}

const json = <T>(response: { json: () => unknown }) => response.json() as T

async function finished(app: TestApp, id: string): Promise<RunReport> {
  await expect
    .poll(async () => json<RunReport>(await app.api({ method: 'GET', url: `/api/runs/${id}` })).state, {
      timeout: 20_000,
      interval: 20,
    })
    .not.toBe('running')
  return json<RunReport>(await app.api({ method: 'GET', url: `/api/runs/${id}` }))
}

describe('kept runs', () => {
  it('starts a run that answers at once, goes on in the background, and is kept with its steps and totals', async () => {
    const app = await buildTestApp()
    const upstream = await startUpstream((request, response) => {
      response.statusCode = request.url === '/broken' ? 500 : 200
      response.end(`answer ${request.url}`)
    })
    const { collection } = await shop(app, { List: upstream.url('/list'), Broken: upstream.url('/broken') })

    const started = await app.api({ method: 'POST', url: '/api/runs/start', payload: { collection: 'shop' } })
    expect(started.statusCode).toBe(200)
    const summary = json<RunSummary>(started)
    expect(summary).toMatchObject({ state: 'running', collection: 'Shop', collectionId: collection.id })
    expect(summary.startedAt).toEqual(expect.any(String))
    expect(summary.input).toEqual({ collection: 'shop' })

    const run = await finished(app, summary.id)
    expect(run).toMatchObject({
      id: summary.id,
      state: 'finished',
      passed: 1,
      failed: 1,
      totals: { requests: 2, failedRequests: 0, tests: 0, failedTests: 0 },
    })
    expect(run.steps.map((s) => [s.name, s.record.status, s.passed])).toEqual([
      ['List', 200, true],
      ['Broken', 500, false],
    ])
    // No body text in a kept step; the body route serves it by the record's id.
    expect(run.steps[0]!.record.body).toMatchObject({ inline: null, size: 12 })
    const body = await app.api({ method: 'GET', url: `/api/responses/${run.steps[0]!.record.id}/body` })
    expect(body.body).toBe('answer /list')

    const list = json<RunList>(await app.api({ method: 'GET', url: '/api/runs' }))
    expect(list.runs.map((r) => [r.id, r.state])).toEqual([[summary.id, 'finished']])
    expect(list.runs[0]).not.toHaveProperty('steps')

    // The remote CLI's synchronous run is kept too.
    const sync = json<RunReport>(await app.api({ method: 'POST', url: '/api/runs', payload: { collection: 'Shop' } }))
    expect(sync).toMatchObject({ state: 'finished', passed: 1, failed: 1, id: expect.any(String) })
    expect(json<RunList>(await app.api({ method: 'GET', url: '/api/runs' })).runs.map((r) => r.id)).toEqual([
      sync.id,
      summary.id,
    ])

    expect((await app.api({ method: 'DELETE', url: `/api/runs/${summary.id}` })).statusCode).toBe(204)
    const gone = await app.api({ method: 'GET', url: `/api/runs/${summary.id}` })
    expect(gone.statusCode).toBe(404)
    expect(json<{ error: { code: string; message: string } }>(gone).error.code).toBe('NOT_FOUND')
  })

  it('refuses a run of an unknown collection, folder or environment with a sentence, keeping nothing', async () => {
    const app = await buildTestApp()
    await shop(app, { List: 'http://127.0.0.1:9/list' })
    for (const [payload, sentence] of [
      [{ collection: 'nope' }, 'No collection named or with id “nope”.'],
      [{ collection: 'Shop', folder: 'Orders' }, 'No folder named or with id “Orders”.'],
      [{ collection: 'Shop', environment: 'prod' }, 'No environment named or with id “prod”.'],
    ] as const) {
      const answer = await app.api({ method: 'POST', url: '/api/runs/start', payload })
      expect(answer.statusCode).toBe(404)
      expect(json<{ error: unknown }>(answer).error).toEqual({ code: 'NOT_FOUND', message: sentence })
    }
    const bad = await app.api({ method: 'POST', url: '/api/runs/start', payload: { collection: 'Shop', delayMs: -1 } })
    expect(bad.statusCode).toBe(400)
    expect(json<RunList>(await app.api({ method: 'GET', url: '/api/runs' })).runs).toEqual([])
  })

  it('stops a run held on a slow upstream: the step in flight is cancelled, the rest never sent', async () => {
    const app = await buildTestApp()
    let arrived!: () => void
    const held = new Promise<void>((resolve) => (arrived = resolve))
    const upstream = await startUpstream((request, response) => {
      if (request.url === '/slow') {
        arrived()
        return // never answers
      }
      response.end('fast')
    })
    await shop(app, { Slow: upstream.url('/slow'), After: upstream.url('/after') })
    const { id } = json<RunSummary>(
      await app.api({ method: 'POST', url: '/api/runs/start', payload: { collection: 'Shop' } }),
    )
    await held
    const stopped = await app.api({ method: 'POST', url: `/api/runs/${id}/stop`, payload: {} })
    expect(stopped.statusCode).toBe(200)
    const run = json<RunReport>(stopped)
    expect(run).toMatchObject({ state: 'stopped', stoppedReason: 'Stopped.' })
    expect(run.steps.map((s) => [s.name, s.record.error?.code])).toEqual([['Slow', 'ABORTED']])
    expect(upstream.received.map((r) => r.url)).toEqual(['/slow'])
    expect(json<RunReport>(await app.api({ method: 'GET', url: `/api/runs/${id}` })).state).toBe('stopped')
    // Stopping again answers the run as it ended.
    expect(json<RunReport>(await app.api({ method: 'POST', url: `/api/runs/${id}/stop`, payload: {} })).state).toBe(
      'stopped',
    )
  })

  it('marks a run its process left running as failed at the next start', async () => {
    const dataDir = tempDataDir()
    const first = await buildTestApp({ dataDir })
    let arrived!: () => void
    const held = new Promise<void>((resolve) => (arrived = resolve))
    let release!: () => void
    const released = new Promise<void>((resolve) => (release = resolve))
    const upstream = await startUpstream(async (_request, response) => {
      arrived()
      await released
      response.end('late')
    })
    await shop(first, { Slow: upstream.url('/slow') })
    const { id } = json<RunSummary>(
      await first.api({ method: 'POST', url: '/api/runs/start', payload: { collection: 'Shop' } }),
    )
    await held
    // A second start on the same data while the first process still "runs" it (as after a crash).
    const second = await buildTestApp({ dataDir })
    const failed = json<RunReport>(await second.api({ method: 'GET', url: `/api/runs/${id}` }))
    expect(failed).toMatchObject({ state: 'failed', stoppedReason: 'Courier stopped during the run.' })
    // The old process finishing later does not bring it back.
    release()
    await expect.poll(() => upstream.received.length).toBe(1)
    await first.close()
    expect(json<RunReport>(await second.api({ method: 'GET', url: `/api/runs/${id}` })).state).toBe('failed')
  })

  it('keeps each step masked exactly as its history entry: auth headers, cookies and secret variables', async () => {
    const app = await buildTestApp()
    const upstream = await startUpstream((request, response) => {
      response.setHeader('set-cookie', 'session=cookie-secret-value; Path=/')
      response.end(`echo ${request.headers['x-api-key']}`)
    })
    const collection = await app.store.collections.create('Secret')
    await app.store.collections.createItem({
      kind: 'request',
      collectionId: collection.id,
      name: 'Me',
      request: {
        method: 'GET',
        url: upstream.url('/me'),
        headers: [
          ['Authorization', 'Bearer live-bearer-token', true],
          ['X-Api-Key', '{{apiKey}}', true],
        ],
        scripts: { preRequest: '', test: "console.log('key is', pm.environment.get('apiKey'))" },
      } as never,
    })
    await app.store.environments.create('ci', [
      { name: 'apiKey', value: 'key-0123456789', enabled: true, secret: true },
    ])
    const { id } = json<RunSummary>(
      await app.api({ method: 'POST', url: '/api/runs/start', payload: { collection: 'Secret', environment: 'ci' } }),
    )
    const run = await finished(app, id)
    const kept = run.steps[0]!.record
    const entry = await app.store.history.get(kept.id)
    expect(entry).toBeDefined()
    expect(kept.request.headers).toEqual(entry!.response.request.headers)
    expect(kept.headers).toEqual(entry!.response.headers)
    expect(kept.cookies).toEqual(entry!.response.cookies)
    expect(kept.scripts?.console.map((c) => c.text)).toEqual(['key is {{apiKey}}'])
    const text = JSON.stringify(run)
    for (const secret of ['live-bearer-token', 'key-0123456789', 'cookie-secret-value'])
      expect(text).not.toContain(secret)
    // The secret really went out: masking is of what is kept, not of what is sent.
    expect(upstream.received[0]!.headers).toContainEqual(['X-Api-Key', 'key-0123456789'])
  })
})
