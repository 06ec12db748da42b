import { HIDDEN_SECRET_VALUE, type Environment } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { tempDataDir } from '../test/build-test-app.js'
import { rawRows } from '../test/dialects.js'
import { buildTeamTestApp } from '../test/team-test-app.js'
import { startUpstream } from '../test/upstream.js'

const SECRET = 'zq-team-secret-8841'

/** A team workspace with one environment holding a secret and a plain variable, made by its owner. */
async function teamWithSecret(dataDir?: string) {
  const team = await buildTeamTestApp(dataDir ? { dataDir } : {})
  const created = await team.as(team.users.owner, {
    method: 'POST',
    url: '/api/environments',
    payload: {
      name: 'Staging',
      variables: [
        { name: 'apiKey', value: SECRET, secret: true },
        { name: 'host', value: 'api.test', secret: false },
      ],
    },
  })
  expect(created.statusCode).toBe(201)
  return { ...team, env: created.json<Environment>() }
}

const listAs = async (team: Awaited<ReturnType<typeof teamWithSecret>>, userId: string) => {
  const answer = await team.as(userId, { method: 'GET', url: '/api/environments' })
  expect(answer.statusCode).toBe(200)
  return { text: answer.body, env: answer.json<Environment[]>().find((e) => e.id === team.env.id)! }
}

describe('secrets in a shared workspace', () => {
  it('hides secret values from editors and viewers, shows them to owners and admins', async () => {
    const team = await teamWithSecret()
    for (const role of ['editor', 'viewer'] as const) {
      const { text, env } = await listAs(team, team.users[role])
      expect(text).not.toContain(SECRET)
      expect(env.variables).toEqual([
        { name: 'apiKey', value: HIDDEN_SECRET_VALUE, valueHidden: true, enabled: true, secret: true },
        { name: 'host', value: 'api.test', enabled: true, secret: false },
      ])
    }
    for (const role of ['owner', 'admin'] as const) {
      const { env } = await listAs(team, team.users[role])
      expect(env.variables[0]).toEqual({ name: 'apiKey', value: SECRET, enabled: true, secret: true })
    }
  })

  it('sends an editor’s request with the real secret, never showing it to them', async () => {
    const team = await teamWithSecret()
    const upstream = await startUpstream((_request, response) => response.end('ok'))
    const sent = await team.as(team.users.editor, {
      method: 'POST',
      url: '/api/send',
      payload: {
        request: { method: 'GET', url: upstream.url('/things'), headers: [['X-Api-Key', '{{apiKey}}', true]] },
        environmentId: team.env.id,
      },
    })
    expect(sent.statusCode).toBe(200)
    expect(upstream.received[0]?.headers).toContainEqual(['X-Api-Key', SECRET])
    expect(sent.body).not.toContain(SECRET)
  })

  it('keeps a hidden secret when an editor saves the placeholder back, and lets them set a new one', async () => {
    const team = await teamWithSecret()
    const { env: shown } = await listAs(team, team.users.editor)
    const renamed = await team.as(team.users.editor, {
      method: 'PATCH',
      url: `/api/environments/${team.env.id}`,
      payload: {
        version: shown.version,
        name: 'Staging (edited)',
        variables: [...shown.variables, { name: 'extra', value: '1', enabled: true, secret: false }],
      },
    })
    expect(renamed.statusCode).toBe(200)
    expect(renamed.body).not.toContain(SECRET)
    let stored = (await team.fastify.store.inWorkspace(team.workspaceId).environments.get(team.env.id))!
    expect(stored.name).toBe('Staging (edited)')
    expect(stored.variables.map((v) => [v.name, v.value])).toEqual([
      ['apiKey', SECRET],
      ['host', 'api.test'],
      ['extra', '1'],
    ])

    // The placeholder without the flag (a client that dropped it) keeps the value too.
    const again = await team.as(team.users.editor, {
      method: 'PATCH',
      url: `/api/environments/${team.env.id}`,
      payload: {
        version: stored.version,
        variables: stored.variables.map((v) => (v.secret ? { ...v, value: HIDDEN_SECRET_VALUE } : v)),
      },
    })
    expect(again.statusCode).toBe(200)
    stored = (await team.fastify.store.inWorkspace(team.workspaceId).environments.get(team.env.id))!
    expect(stored.variables[0]?.value).toBe(SECRET)

    // Unhiding it without a new value would reveal it: refused, and nothing changes.
    const unhide = await team.as(team.users.editor, {
      method: 'PATCH',
      url: `/api/environments/${team.env.id}`,
      payload: {
        version: stored.version,
        variables: [{ name: 'apiKey', value: HIDDEN_SECRET_VALUE, valueHidden: true, enabled: true, secret: false }],
      },
    })
    expect(unhide.statusCode).toBe(403)
    expect(unhide.json().error.code).toBe('FORBIDDEN')
    expect(unhide.body).not.toContain(SECRET)

    // Write-only: a new value replaces the secret.
    const rotated = await team.as(team.users.editor, {
      method: 'PATCH',
      url: `/api/environments/${team.env.id}`,
      payload: { version: stored.version, variables: [{ name: 'apiKey', value: 'rotated-key', secret: true }] },
    })
    expect(rotated.statusCode).toBe(200)
    stored = (await team.fastify.store.inWorkspace(team.workspaceId).environments.get(team.env.id))!
    expect(stored.variables).toEqual([{ name: 'apiKey', value: 'rotated-key', enabled: true, secret: true }])
  })

  it('generates code with the workspace’s variables, secrets revealed only to owners and admins', async () => {
    const team = await teamWithSecret()
    const code = (userId: string) =>
      team.as(userId, {
        method: 'POST',
        url: '/api/codegen',
        payload: {
          request: { method: 'GET', url: 'https://{{host}}/x', headers: [['X-Api-Key', '{{apiKey}}', true]] },
          target: 'curl',
          environmentId: team.env.id,
          revealSecrets: true,
        },
      })
    for (const role of ['editor', 'viewer'] as const) {
      const answer = await code(team.users[role])
      expect(answer.statusCode).toBe(200)
      expect(answer.json().code).toContain('https://api.test/x')
      expect(answer.body).not.toContain(SECRET)
    }
    expect((await code(team.users.admin)).json().code).toContain(SECRET)
  })

  it('hides the secret in a conflict answer too', async () => {
    const team = await teamWithSecret()
    const stale = await team.as(team.users.editor, {
      method: 'PATCH',
      url: `/api/environments/${team.env.id}`,
      payload: { version: team.env.version + 5, name: 'x' },
    })
    expect(stale.statusCode).toBe(409)
    expect(stale.body).not.toContain(SECRET)
    expect(stale.json().error.details.current.variables[0].valueHidden).toBe(true)
  })

  it('leaves secret values out of an editor’s exports, even when asked for them', async () => {
    const team = await teamWithSecret()
    const asked = { method: 'POST' as const, url: '/api/export/workspace', payload: { includeSecrets: true } }
    const editors = await team.as(team.users.editor, asked)
    expect(editors.statusCode).toBe(200)
    expect(editors.body).not.toContain(SECRET)
    const admins = await team.as(team.users.admin, asked)
    expect(admins.body).toContain(SECRET)
  })
})

describe('current values', () => {
  it('are each member’s own: set, read back, used in their sends, cleared', async () => {
    const team = await teamWithSecret()
    const upstream = await startUpstream((_request, response) => response.end('ok'))
    const url = `/api/environments/${team.env.id}/current-values`
    const set = await team.as(team.users.viewer, {
      method: 'PUT',
      url,
      payload: { name: 'apiKey', value: 'viewer-own-key' },
    })
    expect(set.statusCode).toBe(200)
    expect(set.json<Environment>().currentValues).toEqual([{ name: 'apiKey', value: 'viewer-own-key' }])
    expect((await listAs(team, team.users.viewer)).env.currentValues).toEqual([
      { name: 'apiKey', value: 'viewer-own-key' },
    ])
    const others = await listAs(team, team.users.editor)
    expect(others.env.currentValues).toEqual([])
    expect(others.text).not.toContain('viewer-own-key')

    const send = (userId: string) =>
      team.as(userId, {
        method: 'POST',
        url: '/api/send',
        payload: {
          request: { method: 'GET', url: upstream.url('/'), headers: [['X-Api-Key', '{{apiKey}}', true]] },
          environmentId: team.env.id,
        },
      })
    await send(team.users.viewer)
    await send(team.users.editor)
    expect(upstream.received.map((r) => r.headers.find(([n]) => n === 'X-Api-Key')?.[1])).toEqual([
      'viewer-own-key',
      SECRET,
    ])

    const cleared = await team.as(team.users.viewer, { method: 'PUT', url, payload: { name: 'apiKey', value: null } })
    expect(cleared.json<Environment>().currentValues).toEqual([])
  })

  it('go with their environment when it is deleted', async () => {
    const dataDir = tempDataDir()
    const team = await teamWithSecret(dataDir)
    const other = await team.as(team.users.owner, {
      method: 'POST',
      url: '/api/environments',
      payload: { name: 'Keep' },
    })
    for (const [userId, id] of [
      [team.users.editor, team.env.id],
      [team.users.viewer, team.env.id],
      [team.users.editor, other.json<Environment>().id],
    ] as const)
      await team.as(userId, {
        method: 'PUT',
        url: `/api/environments/${id}/current-values`,
        payload: { name: 'apiKey', value: 'mine' },
      })
    const target = { kind: 'sqlite' as const, path: join(dataDir, 'courier.sqlite') }
    expect(await rawRows(target, 'select environment_id from variable_values')).toHaveLength(3)
    const removed = await team.as(team.users.owner, { method: 'DELETE', url: `/api/environments/${team.env.id}` })
    expect(removed.statusCode).toBe(204)
    expect(await rawRows(target, 'select environment_id from variable_values')).toEqual([
      { environment_id: other.json<Environment>().id },
    ])
  })

  it('answer 404 for an environment of another workspace', async () => {
    const team = await teamWithSecret()
    const elsewhere = await team.fastify.store.memberships.createWorkspace('Other', 'team', team.users.editor)
    const answer = await team.as(team.users.editor, {
      method: 'PUT',
      url: `/api/environments/${team.env.id}/current-values`,
      payload: { name: 'apiKey', value: 'x' },
      headers: { 'x-courier-workspace': elsewhere.id },
    })
    expect(answer.statusCode).toBe(404)
    expect(answer.json().error.code).toBe('NOT_FOUND')
  })
})
