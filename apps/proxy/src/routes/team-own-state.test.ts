import { describe, expect, it } from 'vitest'
import { buildTeamTestApp } from '../test/team-test-app.js'
import { startUpstream } from '../test/upstream.js'

/** Each person's cookie jar, OAuth tokens and open tabs are their own in a shared workspace. */
describe('what is each member’s own', () => {
  it('keeps the cookies a send received in the sender’s jar only', async () => {
    const team = await buildTeamTestApp()
    const { editor, viewer } = team.users
    const upstream = await startUpstream((request, response) => {
      if (request.url === '/login') response.setHeader('set-cookie', 'session=editor-session-7781; Path=/')
      response.end('ok')
    })
    const send = (userId: string, path: string) =>
      team.as(userId, {
        method: 'POST',
        url: '/api/send',
        payload: { request: { method: 'GET', url: upstream.url(path) } },
      })

    expect((await send(editor, '/login')).statusCode).toBe(200)
    await send(editor, '/me')
    await send(viewer, '/me')
    const cookieOf = (i: number) => upstream.received[i]?.headers.find(([n]) => n.toLowerCase() === 'cookie')?.[1]
    expect(cookieOf(1)).toBe('session=editor-session-7781')
    expect(cookieOf(2)).toBeUndefined()

    const jar = async (userId: string) =>
      (await team.as(userId, { method: 'GET', url: '/api/cookies' }))
        .json()
        .cookies.map((c: { value: string }) => c.value)
    expect(await jar(editor)).toEqual(['editor-session-7781'])
    expect(await jar(viewer)).toEqual([])
    // Clearing mine leaves theirs.
    await team.as(viewer, { method: 'DELETE', url: '/api/cookies' })
    expect(await jar(editor)).toEqual(['editor-session-7781'])
  })

  it('keeps each person’s OAuth tokens their own', async () => {
    const team = await buildTeamTestApp()
    const { editor, viewer } = team.users
    let issued = 0
    const idp = await startUpstream((_request, response) => {
      response.setHeader('content-type', 'application/json')
      response.end(JSON.stringify({ access_token: `token-${++issued}`, token_type: 'Bearer', expires_in: 3600 }))
    })
    const api = await startUpstream((_request, response) => response.end('ok'))
    const config = { grant: 'client_credentials', tokenUrl: idp.url('/token'), clientId: 'c', clientSecret: 's' }
    const send = (userId: string) =>
      team.as(userId, {
        method: 'POST',
        url: '/api/send',
        payload: { request: { method: 'GET', url: api.url('/'), auth: { type: 'oauth2', config } } },
      })

    expect((await send(editor)).statusCode).toBe(200)
    expect((await send(viewer)).statusCode).toBe(200)
    await send(editor)
    expect(api.received.map((r) => r.headers.find(([n]) => n.toLowerCase() === 'authorization')?.[1])).toEqual([
      'Bearer token-1',
      'Bearer token-2',
      'Bearer token-1',
    ])
    const token = async (userId: string) =>
      (await team.as(userId, { method: 'GET', url: '/api/oauth/token?tokenKey=default' })).json()
    expect(await token(viewer)).not.toBeNull()
    // A flow is its starter's: anyone else reads it as one that never existed.
    const started = await team.as(editor, { method: 'POST', url: '/api/oauth/flows', payload: { config } })
    expect(started.statusCode).toBe(200)
    const flowUrl = `/api/oauth/flows/${started.json().id}`
    expect((await team.as(editor, { method: 'GET', url: flowUrl })).statusCode).toBe(200)
    const theirs = await team.as(viewer, { method: 'GET', url: flowUrl })
    expect(theirs.statusCode).toBe(404)
    expect(theirs.json().error.code).toBe('NOT_FOUND')
    expect((await team.as(viewer, { method: 'DELETE', url: flowUrl })).statusCode).toBe(404)

    await team.as(viewer, { method: 'DELETE', url: '/api/oauth/token?tokenKey=default' })
    expect(await token(viewer)).toBeNull()
    expect(await token(editor)).not.toBeNull()
  })

  it('keeps each person’s open tabs and drafts their own', async () => {
    const team = await buildTeamTestApp()
    const { editor, viewer } = team.users
    const state = { tabs: [], activeTabId: null, environmentId: 'env-of-editor', closedTabs: [] }
    expect((await team.as(editor, { method: 'PUT', url: '/api/workspace', payload: state })).statusCode).toBe(204)
    expect((await team.as(editor, { method: 'GET', url: '/api/workspace' })).json().environmentId).toBe('env-of-editor')
    expect((await team.as(viewer, { method: 'GET', url: '/api/workspace' })).json().environmentId).toBeNull()
    // The local user's state (single-user Courier's) is untouched.
    expect((await team.fastify.store.workspace.get()).environmentId).toBeNull()
  })
})
