import { HIDDEN_SECRET_VALUE, type CollectionTree, type Variable } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { buildTeamTestApp } from '../test/team-test-app.js'
import { startUpstream } from '../test/upstream.js'

const SECRET = 'zq-collection-secret-5173'
const FOLDER_SECRET = 'zq-folder-secret-2290'

/** A team collection with a secret variable, and a folder of it with one of its own, made by the owner. */
async function teamCollection() {
  const team = await buildTeamTestApp()
  const owner = (method: 'POST' | 'PATCH', url: string, payload: object) =>
    team.as(team.users.owner, { method, url, payload })
  const created = (await owner('POST', '/api/collections', { name: 'Shop' })).json<CollectionTree>()
  const variables: Variable[] = [
    { name: 'apiKey', value: SECRET, enabled: true, secret: true },
    { name: 'host', value: 'api.test', enabled: true, secret: false },
  ]
  const collection = (
    await owner('PATCH', `/api/collections/${created.id}`, { version: created.version, variables })
  ).json<CollectionTree>()
  const folder = (
    await owner('POST', '/api/items', { kind: 'folder', collectionId: created.id, parentId: null, name: 'Orders' })
  ).json<{ id: string; version: number }>()
  const saved = await owner('PATCH', `/api/items/${folder.id}`, {
    version: folder.version,
    variables: [{ name: 'orderKey', value: FOLDER_SECRET, enabled: true, secret: true }],
  })
  expect(saved.statusCode).toBe(200)
  return { ...team, collection, folderId: folder.id }
}

type Team = Awaited<ReturnType<typeof teamCollection>>
const get = (team: Team, userId: string, url: string) => team.as(userId, { method: 'GET', url })
const storedTree = async (team: Team) =>
  (await team.fastify.store.inWorkspace(team.workspaceId).collections.get(team.collection.id))!

describe('secret variables of a shared collection and its folders', () => {
  it('are hidden from editors and viewers wherever they are answered, and shown to owners and admins', async () => {
    const team = await teamCollection()
    const places = [
      '/api/collections',
      `/api/versions/collection/${team.collection.id}`,
      `/api/versions/collection/${team.collection.id}/${team.collection.version}`,
      `/api/versions/item/${team.folderId}/2`,
    ]
    for (const role of ['editor', 'viewer'] as const) {
      for (const url of places) {
        const answer = await get(team, team.users[role], url)
        expect(answer.statusCode, url).toBe(200)
        expect(answer.body, `${role} ${url}`).not.toContain(SECRET)
        expect(answer.body, `${role} ${url}`).not.toContain(FOLDER_SECRET)
      }
      const tree = (await get(team, team.users[role], '/api/collections')).json<CollectionTree[]>()[0]!
      expect(tree.variables[0]).toMatchObject({ name: 'apiKey', value: HIDDEN_SECRET_VALUE, valueHidden: true })
      expect(tree.variables[1]).toEqual({ name: 'host', value: 'api.test', enabled: true, secret: false })
    }
    for (const role of ['owner', 'admin'] as const) {
      const answer = await get(team, team.users[role], '/api/collections')
      expect(answer.body).toContain(SECRET)
      expect(answer.body).toContain(FOLDER_SECRET)
    }
  })

  it('are in the trash, hidden, after the folder is deleted', async () => {
    const team = await teamCollection()
    const removed = await team.as(team.users.editor, { method: 'DELETE', url: `/api/items/${team.folderId}` })
    expect(removed.statusCode).toBe(200)
    expect(removed.body).not.toContain(FOLDER_SECRET)
    const trash = await get(team, team.users.editor, '/api/trash')
    expect(trash.statusCode).toBe(200)
    expect(trash.body).not.toContain(FOLDER_SECRET)
    // Undo sends back what the editor was shown (placeholders): the real value comes back.
    const undone = await team.as(team.users.editor, {
      method: 'POST',
      url: '/api/collections/restore',
      payload: removed.json(),
    })
    expect(undone.statusCode).toBe(200)
    expect(undone.body).not.toContain(FOLDER_SECRET)
    const folder = (await storedTree(team)).items.find((item) => item.id === team.folderId)!
    expect('variables' in folder && folder.variables[0]?.value).toBe(FOLDER_SECRET)
  })

  it('keep their value when an editor saves the placeholder back, and take a new one when typed', async () => {
    const team = await teamCollection()
    const shown = (await get(team, team.users.editor, '/api/collections')).json<CollectionTree[]>()[0]!
    const kept = await team.as(team.users.editor, {
      method: 'PATCH',
      url: `/api/collections/${shown.id}`,
      payload: { version: shown.version, variables: [...shown.variables, { name: 'page', value: '2', secret: false }] },
    })
    expect(kept.statusCode).toBe(200)
    expect(kept.body).not.toContain(SECRET)
    let stored = await storedTree(team)
    expect(stored.variables.map((v) => v.value)).toEqual([SECRET, 'api.test', '2'])

    const rotated = await team.as(team.users.editor, {
      method: 'PATCH',
      url: `/api/collections/${shown.id}`,
      payload: { version: stored.version, variables: [{ name: 'apiKey', value: 'rotated-5173', secret: true }] },
    })
    expect(rotated.statusCode).toBe(200)
    stored = await storedTree(team)
    expect(stored.variables).toEqual([{ name: 'apiKey', value: 'rotated-5173', enabled: true, secret: true }])
  })

  it('are used with their real value in an editor’s send of a request in that folder', async () => {
    const team = await teamCollection()
    const upstream = await startUpstream((_request, response) => response.end('ok'))
    const request = {
      method: 'GET',
      url: upstream.url('/orders'),
      headers: [
        ['X-Api-Key', '{{apiKey}}', true],
        ['X-Order-Key', '{{orderKey}}', true],
      ],
    }
    const item = await team.as(team.users.editor, {
      method: 'POST',
      url: '/api/items',
      payload: { kind: 'request', collectionId: team.collection.id, parentId: team.folderId, name: 'List', request },
    })
    expect(item.statusCode).toBe(201)
    const sent = await team.as(team.users.editor, {
      method: 'POST',
      url: '/api/send',
      payload: { request, itemId: item.json<{ id: string }>().id },
    })
    expect(sent.statusCode).toBe(200)
    expect(upstream.received[0]?.headers).toContainEqual(['X-Api-Key', SECRET])
    expect(upstream.received[0]?.headers).toContainEqual(['X-Order-Key', FOLDER_SECRET])
    expect(sent.body).not.toContain(SECRET)
    expect(sent.body).not.toContain(FOLDER_SECRET)
  })

  it('are hidden in a conflict answer', async () => {
    const team = await teamCollection()
    const stale = await team.as(team.users.editor, {
      method: 'PATCH',
      url: `/api/collections/${team.collection.id}`,
      payload: { version: team.collection.version + 7, name: 'Shop 2' },
    })
    expect(stale.statusCode).toBe(409)
    expect(stale.body).not.toContain(SECRET)
  })

  it('include an environment’s earlier versions: its History hides the secret too', async () => {
    const team = await buildTeamTestApp()
    const env = await team.as(team.users.owner, {
      method: 'POST',
      url: '/api/environments',
      payload: { name: 'Prod', variables: [{ name: 'token', value: SECRET, secret: true }] },
    })
    const { id } = env.json<{ id: string }>()
    for (const url of [`/api/versions/environment/${id}`, `/api/versions/environment/${id}/1`]) {
      const answer = await get(team as Team, team.users.editor, url)
      expect(answer.statusCode, url).toBe(200)
      expect(answer.body, url).not.toContain(SECRET)
    }
  })

  it('go into copied code from the team workspace with my current values; revealed only to owners and admins', async () => {
    const team = await buildTeamTestApp()
    const env = await team.as(team.users.owner, {
      method: 'POST',
      url: '/api/environments',
      payload: {
        name: 'Prod',
        variables: [
          { name: 'token', value: SECRET, secret: true },
          { name: 'host', value: 'shared.test', secret: false },
        ],
      },
    })
    const { id } = env.json<{ id: string }>()
    const mine = await team.as(team.users.editor, {
      method: 'PUT',
      url: `/api/environments/${id}/current-values`,
      payload: { name: 'host', value: 'mine.test' },
    })
    expect(mine.statusCode).toBe(200)
    const code = async (userId: string) => {
      const answer = await team.as(userId, {
        method: 'POST',
        url: '/api/codegen',
        payload: {
          request: { method: 'GET', url: 'https://{{host}}/orders', headers: [['X-Token', '{{token}}', true]] },
          target: 'curl',
          environmentId: id,
          revealSecrets: true,
        },
      })
      expect(answer.statusCode).toBe(200)
      return answer.json<{ code: string }>().code
    }
    const editors = await code(team.users.editor)
    expect(editors).toContain('https://mine.test/orders')
    expect(editors).toContain('{{token}}')
    expect(editors).not.toContain(SECRET)
    const owners = await code(team.users.owner)
    expect(owners).toContain('https://shared.test/orders')
    expect(owners).toContain(SECRET)
  })
})
