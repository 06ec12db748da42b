import { GLOBALS_ID, SendInputSchema, type RequestSpecInput } from '@courier/shared'
import { describe, expect, it, onTestFinished } from 'vitest'
import { newId } from '../ids.js'
import { localServicesOptions, openServices } from '../services.js'
import { LOCAL_ACTOR, localScope, memberScope, type Actor } from '../team/scope.js'
import { testConfig, TEST_PORT } from '../test/build-test-app.js'
import { DIALECTS } from '../test/dialects.js'
import { startUpstream } from '../test/upstream.js'
import { performSend, type SendServices } from './perform-send.js'

/** Courier's services on `target`, with a real body store and the local destination policy. */
async function openTestServices(target: Awaited<ReturnType<(typeof DIALECTS)[number]['target']>>) {
  const services = await openServices(localServicesOptions(testConfig({ database: target }), () => TEST_PORT))
  onTestFinished(() => services.close())
  return { ...services, log: { error: () => {} } } satisfies SendServices
}

const person = (name: string): Actor => ({ userId: newId(), email: `${name}@example.test`, name, via: 'session' })

/** An upstream that answers who called (the Authorization it got) and hands out a fresh token. */
async function tokenUpstream() {
  let issued = 0
  return startUpstream((request, response) => {
    response.setHeader('content-type', 'application/json')
    response.end(JSON.stringify({ seen: request.headers.authorization ?? null, token: `issued-${++issued}` }))
  })
}

const input = (request: RequestSpecInput, environmentId: string) => SendInputSchema.parse({ request, environmentId })

const authorized = (url: string, extra: Partial<RequestSpecInput> = {}): RequestSpecInput => ({
  method: 'GET',
  url,
  headers: [['Authorization', 'Bearer {{token}}', true]],
  ...extra,
})

describe.each(DIALECTS)('sends with current values on $name', ({ target }) => {
  it('uses my current value before the shared one, and only for me', async () => {
    const services = await openTestServices(await target())
    const upstream = await tokenUpstream()
    const ws = newId()
    const [ann, bob] = [person('ann'), person('bob')]
    const data = services.store.inWorkspace(ws)
    const env = await data.environments.create('Staging', [
      { name: 'token', value: 'shared-token', enabled: true, secret: true },
    ])
    const globals = (await data.environments.get(GLOBALS_ID))!
    await data.environments.update(GLOBALS_ID, {
      version: globals.version,
      variables: [{ name: 'path', value: '/shared', enabled: true, secret: false }],
    })
    await services.store.currentValues(ws, ann.userId).set(env.id, 'token', 'ann-own-token-5531')
    await services.store.currentValues(ws, ann.userId).set(GLOBALS_ID, 'path', '/ann')

    const annScope = memberScope(services.store, ann, ws, 'editor')
    const bobScope = memberScope(services.store, bob, ws, 'editor')
    const request = authorized(upstream.url('{{path}}'))
    const annSend = await performSend(input(request, env.id), services, {
      scope: annScope,
    })
    await performSend(input(request, env.id), services, { scope: bobScope })

    expect(upstream.received.map((r) => [r.url, r.headers.find(([n]) => n === 'Authorization')?.[1]])).toEqual([
      ['/ann', 'Bearer ann-own-token-5531'],
      ['/shared', 'Bearer shared-token'],
    ])
    // My current value of a secret variable is as secret as the shared one: masked in what is shown and kept.
    expect(JSON.stringify(annSend.record.request)).not.toContain('ann-own-token-5531')
    const kept = await annScope.history.list({ limit: 10 })
    expect(kept.items).toHaveLength(1)
    expect(JSON.stringify(await annScope.history.get(kept.items[0]!.id))).not.toContain('ann-own-token-5531')
  })

  it('writes a capture into the sender’s current value in team mode, the shared value in single-user mode', async () => {
    const services = await openTestServices(await target())
    const upstream = await tokenUpstream()
    const ws = newId()
    const [ann, bob] = [person('ann'), person('bob')]
    const env = await services.store
      .inWorkspace(ws)
      .environments.create('Staging', [{ name: 'token', value: 'shared-token', enabled: true, secret: true }])
    const captures = [{ variable: 'token', source: 'json' as const, expression: '$.token' }]
    const login = authorized(upstream.url('/login'), { captures })

    const sent = await performSend(input(login, env.id), services, {
      scope: memberScope(services.store, ann, ws, 'editor'),
    })
    expect(sent.record.notes.join(' ')).toContain('{{token}} set in Staging')
    expect(await services.store.currentValues(ws, ann.userId).list(env.id)).toEqual([
      { name: 'token', value: 'issued-1' },
    ])
    expect(await services.store.currentValues(ws, bob.userId).list(env.id)).toEqual([])
    const shared = (await services.store.inWorkspace(ws).environments.get(env.id))!
    expect(shared.variables[0]?.value).toBe('shared-token')
    expect(shared.version).toBe(env.version)

    // Ann's next send carries what her login captured; Bob's still the shared token.
    const next = authorized(upstream.url('/next'))
    await performSend(input(next, env.id), services, {
      scope: memberScope(services.store, ann, ws, 'editor'),
    })
    await performSend(input(next, env.id), services, {
      scope: memberScope(services.store, bob, ws, 'editor'),
    })
    expect(upstream.received.slice(1).map((r) => r.headers.find(([n]) => n === 'Authorization')?.[1])).toEqual([
      'Bearer issued-1',
      'Bearer shared-token',
    ])

    // Single-user Courier keeps today's behaviour: the capture writes the value itself.
    const local = await services.store.environments.create('Local', [
      { name: 'token', value: 'old', enabled: true, secret: false },
    ])
    await performSend(input(login, local.id), services, {
      scope: localScope(services.store),
    })
    expect((await services.store.environments.get(local.id))?.variables[0]?.value).toBe('issued-4')
    expect(await services.store.currentValues('local', LOCAL_ACTOR.userId).list(local.id)).toEqual([])
    // ...and when the local user has a current value of it, that too, so the next send uses what was captured.
    await services.store.currentValues('local', LOCAL_ACTOR.userId).set(local.id, 'token', 'typed-by-me')
    await performSend(input(login, local.id), services, { scope: localScope(services.store) })
    expect((await services.store.environments.get(local.id))?.variables[0]?.value).toBe('issued-5')
    expect(await services.store.currentValues('local', LOCAL_ACTOR.userId).list(local.id)).toEqual([
      { name: 'token', value: 'issued-5' },
    ])
  })
})
