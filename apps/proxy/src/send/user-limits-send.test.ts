import { describe, expect, it } from 'vitest'
import { AllowList } from '../engine/allow-list.js'
import { runCollection } from '../runner/run-collection.js'
import { buildTestApp } from '../test/build-test-app.js'
import { startUpstream } from '../test/upstream.js'

/** A team server that may reach the test's 127.0.0.1 servers, with these per-person limits. */
function teamApp(sendsPerMinute: number, concurrentSends: number) {
  return buildTestApp({
    team: true,
    allowTargets: AllowList.parse(['127.0.0.0/8']),
    userLimits: { sendsPerMinute, concurrentSends },
  })
}

describe('per-person send limits through performSend', () => {
  it('answers the send over the per-minute limit 429 USER_SEND_LIMIT with Retry-After, sending nothing', async () => {
    const upstream = await startUpstream((_request, response) => response.end('ok'))
    const app = await teamApp(2, 8)
    const send = () =>
      app.api({ method: 'POST', url: '/api/send', payload: { request: { method: 'GET', url: upstream.url('/') } } })
    expect((await send()).statusCode).toBe(200)
    expect((await send()).statusCode).toBe(200)
    const refused = await send()
    expect(refused.statusCode).toBe(429)
    expect(refused.json().error.code).toBe('USER_SEND_LIMIT')
    expect(refused.json().error.message).toMatch(/^You sent 2 requests in the last minute/)
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(59)
    expect(upstream.received).toHaveLength(2)
  })

  it('refuses a second send while the first is in flight when one at once is the limit, and frees it after', async () => {
    let arrived!: () => void
    const first = new Promise<void>((resolve) => (arrived = resolve))
    let finish!: () => void
    const held = new Promise<void>((resolve) => (finish = resolve))
    const upstream = await startUpstream(async (request, response) => {
      if (request.url === '/slow') {
        arrived()
        await held
      }
      response.end('ok')
    })
    const app = await teamApp(100, 1)
    const send = (path: string) =>
      app.api({ method: 'POST', url: '/api/send', payload: { request: { method: 'GET', url: upstream.url(path) } } })
    const slow = send('/slow')
    await first
    const refused = await send('/fast')
    expect(refused.statusCode).toBe(429)
    expect(refused.json().error.message).toMatch(/^1 of your requests are already in flight/)
    expect(refused.headers['retry-after']).toBe('1')
    finish()
    expect((await slow).statusCode).toBe(200)
    expect((await send('/fast')).statusCode).toBe(200)
  })

  it('holds `courier run` to the same limits: the request over the limit fails with the code', async () => {
    const upstream = await startUpstream((_request, response) => response.end('ok'))
    const app = await teamApp(1, 8)
    const collection = await app.store.collections.create('Two')
    for (const name of ['One', 'Two'])
      await app.store.collections.createItem({
        kind: 'request',
        collectionId: collection.id,
        name,
        request: { method: 'GET', url: upstream.url(`/${name}`) } as never,
      })
    const run = await runCollection({ ...app.services, log: app.log }, { collection: 'Two' })
    expect(run.steps.map((step) => step.record.error?.code ?? step.record.status)).toEqual([200, 'USER_SEND_LIMIT'])
    expect(upstream.received).toHaveLength(1)
  })

  it('sets no per-person limits on a single-user server', async () => {
    const app = await buildTestApp()
    expect(app.services.userLimits).toBeUndefined()
  })
})
