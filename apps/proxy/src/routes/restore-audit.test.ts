import { describe, expect, it } from 'vitest'
import { buildTeamTestApp } from '../test/team-test-app.js'

describe('restores in a team workspace', () => {
  it('are audited like the saves they are: a version restored, a request put back from the trash', async () => {
    const team = await buildTeamTestApp()
    const as = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
      team.as(team.users.editor, { method, url, ...(payload ? { payload } : {}) })
    const tree = (await as('POST', '/api/collections', { name: 'Shop' })).json<{ id: string }>()
    const item = (
      await as('POST', '/api/items', {
        kind: 'request',
        collectionId: tree.id,
        parentId: null,
        name: 'List',
        request: { method: 'GET', url: 'http://api.test/orders' },
      })
    ).json<{ id: string; version: number }>()
    await as('PATCH', `/api/items/${item.id}`, { version: item.version, name: 'List all' })
    expect((await as('POST', `/api/versions/item/${item.id}/${item.version}/restore`, {})).statusCode).toBe(200)
    await as('DELETE', `/api/items/${item.id}`)
    const [entry] = (await as('GET', '/api/trash')).json<{ id: string }[]>()
    expect((await as('POST', `/api/trash/${entry!.id}/restore`, {})).statusCode).toBe(200)

    const { items } = await team.fastify.store.audit.list(team.workspaceId, { limit: 20 })
    const restores = items.filter((e) => e.action.endsWith('.restore'))
    expect(restores.map((e) => [e.action, e.target, e.userId, (e.detail as { from: string }).from])).toEqual([
      ['request.restore', item.id, team.users.editor, 'trash'],
      ['item.restore', item.id, team.users.editor, 'version'],
    ])
  })
})
