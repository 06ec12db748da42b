import Fastify, { type InjectOptions } from 'fastify'
import { WORKSPACE_HEADER, type AuditEntry } from '@courier/shared'
import { describe, expect, it, onTestFinished } from 'vitest'
import { app } from '../app.js'
import { newId } from '../ids.js'
import { TEST_PORT, testConfig } from '../test/build-test-app.js'
import { ensurePerson, sessionHeaders } from '../test/team-sessions.js'
import { AuditEvents } from '../team/audit-events.js'
import type { Actor } from '../team/scope.js'

const person = (name: string): Actor => ({ userId: newId(), email: `${name}@team.test`, name, via: 'session' })

/** A team server on which each of `people` is a real person, signed in: `as` sends their session cookie and CSRF token. */
async function teamServer(people: Actor[]) {
  const fastify = Fastify({ forceCloseConnections: true })
  const config = testConfig({ team: true })
  await fastify.register(app, config)
  await fastify.ready()
  onTestFinished(() => fastify.close())
  const sessions = new Map<string, Record<string, string>>()
  for (const one of people) {
    await ensurePerson(fastify, { id: one.userId, email: one.email!, name: one.name })
    sessions.set(one.userId, await sessionHeaders(fastify, config, one.userId))
  }
  const as = (who: Actor, workspaceId: string) => (options: InjectOptions) =>
    fastify.inject({
      ...options,
      headers: {
        host: `127.0.0.1:${TEST_PORT}`,
        ...sessions.get(who.userId),
        [WORKSPACE_HEADER]: workspaceId,
        ...(options.headers ?? {}),
      },
    })
  return { fastify, as }
}

describe('the audit log of a team workspace', () => {
  it('records every change to shared items, who made it and when, in words, never a secret value', async () => {
    const ann = person('ann')
    const bob = person('bob')
    const { fastify, as } = await teamServer([ann, bob])
    const team = await fastify.store.memberships.createWorkspace('Payments', 'team', ann.userId)
    await fastify.store.memberships.setRole(team.id, bob.userId, 'editor')
    const asAnn = as(ann, team.id)
    const asBob = as(bob, team.id)

    const collection = (await asAnn({ method: 'POST', url: '/api/collections', payload: { name: 'Shop' } })).json()
    await asBob({
      method: 'PATCH',
      url: `/api/collections/${collection.id}`,
      payload: { version: 1, name: 'Shop API' },
    })
    const folder = (
      await asBob({
        method: 'POST',
        url: '/api/items',
        payload: { kind: 'folder', collectionId: collection.id, name: 'Orders' },
      })
    ).json()
    const item = (
      await asBob({
        method: 'POST',
        url: '/api/items',
        payload: {
          kind: 'request',
          collectionId: collection.id,
          name: 'List',
          request: { method: 'GET', url: 'https://api.test/orders' },
        },
      })
    ).json()
    const patched = await asBob({
      method: 'PATCH',
      url: `/api/items/${item.id}`,
      payload: {
        version: item.version,
        request: {
          method: 'GET',
          url: 'https://api.test/orders',
          headers: [['Authorization', 'Bearer sk-live-9f8e7d6c5b4a', true]],
        },
      },
    })
    expect(patched.statusCode).toBe(200)
    const moved = await asBob({
      method: 'POST',
      url: `/api/items/${item.id}/move`,
      payload: { collectionId: collection.id, parentId: folder.id, index: 0 },
    })
    expect(moved.statusCode).toBeLessThan(300)
    const removed = (await asBob({ method: 'DELETE', url: `/api/items/${item.id}` })).json()
    expect(
      (await asBob({ method: 'POST', url: '/api/collections/restore', payload: removed })).statusCode,
    ).toBeLessThan(300)
    const environment = (
      await asAnn({
        method: 'POST',
        url: '/api/environments',
        payload: { name: 'prod', variables: [{ name: 'token', value: 'hunter2-secret-value', secret: true }] },
      })
    ).json()
    await asAnn({
      method: 'PATCH',
      url: `/api/environments/${environment.id}`,
      payload: {
        version: environment.version,
        variables: [{ name: 'token', value: 'rotated-secret-value', secret: true }],
      },
    })
    await asAnn({ method: 'DELETE', url: `/api/environments/${environment.id}` })
    const preview = await asBob({
      method: 'POST',
      url: '/api/import/preview',
      payload: { source: { kind: 'text', text: 'curl https://api.test/health' } },
    })
    expect(
      (await asBob({ method: 'POST', url: '/api/import/commit', payload: { result: preview.json() } })).statusCode,
    ).toBe(201)
    await asAnn({ method: 'DELETE', url: `/api/collections/${collection.id}` })

    const page = await asAnn({ method: 'GET', url: `/api/workspaces/${team.id}/audit?limit=100` })
    const entries = (page.json().items as AuditEntry[]).reverse()
    const who = (entry: AuditEntry) => (entry.userId === ann.userId ? 'ann' : entry.userId === bob.userId ? 'bob' : '?')
    expect(entries.map((entry) => `${who(entry)} ${entry.action}`)).toEqual([
      'ann collection.create',
      'bob collection.update',
      'bob item.create',
      'bob item.create',
      'bob item.update',
      'bob item.move',
      'bob item.delete',
      'bob item.restore',
      'ann environment.create',
      'ann environment.update',
      'ann environment.delete',
      'bob collection.import',
      'ann collection.delete',
    ])
    expect(entries[1]).toMatchObject({ target: collection.id, detail: { name: 'Shop API', fields: ['name'] } })
    expect(entries[4]).toMatchObject({
      target: item.id,
      detail: { kind: 'request', name: 'List', fields: ['request'] },
    })
    expect(entries[5]).toMatchObject({ detail: { name: 'List', parentId: folder.id } })
    expect(entries[9]).toMatchObject({ detail: { name: 'prod', variables: ['token'] } })
    for (const entry of entries) expect(Date.parse(entry.at)).toBeGreaterThan(Date.now() - 60_000)
    const everything = JSON.stringify(entries)
    for (const secret of ['sk-live-9f8e7d6c5b4a', 'hunter2-secret-value', 'rotated-secret-value'])
      expect(everything).not.toContain(secret)
  })

  it('exports every entry as CSV or JSON to owners and admins only, members’ sign-ins and token use included', async () => {
    const ann = person('ann')
    const eve = person('eve')
    const stranger = person('stranger')
    const { fastify, as } = await teamServer([ann, eve, stranger])
    const team = await fastify.store.memberships.createWorkspace('Payments', 'team', ann.userId)
    await fastify.store.memberships.setRole(team.id, eve.userId, 'editor')
    // More entries than one page of the export's reads.
    for (let i = 0; i < 520; i++)
      await fastify.store.audit.append({
        userId: ann.userId,
        workspaceId: team.id,
        action: 'item.update',
        target: `item-${i}`,
        detail: { name: i === 0 ? '=HYPERLINK("x")' : `n${i}` },
      })
    let now = Date.parse('2026-12-02T01:00:00.000Z')
    const events = new AuditEvents(fastify.store.audit, () => now)
    await events.signIn({ userId: eve.userId, method: 'password', ok: true, ip: '10.0.0.7' })
    await events.signIn({ userId: stranger.userId, method: 'password', ok: true })
    await events.tokenUsed({ tokenId: 'tok-1', userId: eve.userId, name: 'ci' })
    now += 30 * 60_000
    await events.tokenUsed({ tokenId: 'tok-1', userId: eve.userId, name: 'ci' })
    // A second instance (no memory of the first) agrees the hour has not passed.
    await new AuditEvents(fastify.store.audit, () => now).tokenUsed({ tokenId: 'tok-1', userId: eve.userId })
    now += 31 * 60_000
    await events.tokenUsed({ tokenId: 'tok-1', userId: eve.userId, name: 'ci' })

    const json = await as(ann, team.id)({ method: 'GET', url: `/api/workspaces/${team.id}/audit/export?format=json` })
    expect(json.statusCode).toBe(200)
    expect(json.headers['content-type']).toMatch(/^application\/json/)
    expect(json.headers['content-disposition']).toBe('attachment; filename="courier-audit.json"')
    const all = json.json() as AuditEntry[]
    expect(all).toHaveLength(520 + 1 + 2)
    expect(all.filter((entry) => entry.action === 'token.use').map((entry) => entry.at)).toEqual([
      '2026-12-02T02:01:00.000Z',
      '2026-12-02T01:00:00.000Z',
    ])
    expect(all.find((entry) => entry.action === 'sign-in')).toMatchObject({
      userId: eve.userId,
      detail: { method: 'password', ip: '10.0.0.7' },
    })
    expect(all.some((entry) => entry.userId === stranger.userId)).toBe(false)

    const csv = await as(ann, team.id)({ method: 'GET', url: `/api/workspaces/${team.id}/audit/export?format=csv` })
    expect(csv.headers['content-type']).toMatch(/^text\/csv/)
    const lines = csv.body.trimEnd().split('\r\n')
    expect(lines[0]).toBe('id,at,userId,workspaceId,action,target,detail')
    expect(lines).toHaveLength(1 + 523)
    // No cell a spreadsheet would run as a formula.
    expect(csv.body).not.toMatch(/(^|,)=/m)

    const editor = await as(eve, team.id)({ method: 'GET', url: `/api/workspaces/${team.id}/audit/export?format=csv` })
    expect(editor.statusCode).toBe(403)
    expect(editor.json().error.code).toBe('FORBIDDEN')
    const outsider = await as(stranger, team.id)({ method: 'GET', url: `/api/workspaces/${team.id}/audit/export` })
    expect(outsider.statusCode).toBe(404)
    const bad = await as(ann, team.id)({ method: 'GET', url: `/api/workspaces/${team.id}/audit/export?format=xml` })
    expect(bad.statusCode).toBe(400)
  })
})
