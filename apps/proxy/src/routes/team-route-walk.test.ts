import { mkdirSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import { WORKSPACE_HEADER } from '@courier/shared'
import { describe, expect, it, onTestFinished } from 'vitest'
import { newId } from '../ids.js'
import type { Role } from '../storage/team-schema.js'
import { tempDataDir } from '../test/build-test-app.js'
import { openEventStream } from '../test/event-stream.js'
import WebSocket from 'ws'
import { describePostgres, freshSchema } from '../test/postgres.js'
import { sessionHeaders } from '../test/team-sessions.js'
import { buildTeamTestApp, type TeamTestApp } from '../test/team-test-app.js'
import { startUpstream } from '../test/upstream.js'

/**
 * Issue 13: "Every query is scoped by membership; another workspace's ids answer 404 exactly like
 * ids that never existed. A generated test walks every route as a non-member and as each role."
 * The routes are the ones the app registers (onRoute); what each may do is this table, the test's
 * own oracle (not the production `can.*`): a route that is not in it fails the walk by name.
 *
 * - `public`: anyone, signed in or not, gets the same answer.
 * - `signed-in`: any signed-in person, in any workspace they are in (their own things: history,
 *   cookies, OAuth, tabs, …). A non-member naming the team workspace still gets its 404.
 * - `viewer` | `editor` | `admin`: the least role in the named workspace; below it, 403 with a sentence.
 */
type Least = 'public' | 'signed-in' | 'viewer' | 'editor' | 'admin'
const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2, owner: 3 }
const ROLES: Role[] = ['viewer', 'editor', 'admin', 'owner']

/** The ids a call is made with: the team workspace's real ones, a second workspace's, or made up. */
type Ids = {
  workspace: string
  collection: string
  folder: string
  item: string
  environment: string
  /** A mock server of the workspace (issue 18). */
  mock: string
  /** The caller's personal workspace (copy target). */
  personal: string
  /** Fresh things for calls that use them up (deletes, restores) or that belong to the caller. */
  fresh: {
    collection(): Promise<string>
    item(): Promise<{ id: string; version: number }>
    environment(): Promise<{ id: string; version: number }>
    mock(): Promise<{ id: string; version: number }>
    removed(): Promise<Record<string, unknown> & { trashId?: string }>
    history(): Promise<string>
    /** A kept run of the caller's (another person's for the second workspace's ids). */
    run(): Promise<string>
    /** A capture mount of the caller's (another person's for the second workspace's ids). */
    mount(): Promise<{ id: string; version: number }>
    flow(): Promise<{ id: string; pasted: string }>
    member(): Promise<string>
    invitation(): Promise<string>
  }
}

type Call = {
  url: string
  payload?: unknown
  headers?: Record<string, string>
  /** What an allowed caller gets; default 200. */
  ok?: number
  /** A server-sent event stream: opened over a real socket, its status checked, then closed. */
  stream?: boolean
  /** A WebSocket upgrade: attempted over a real socket as the person's page (101 when allowed), then closed. */
  upgrade?: boolean
  /** Uses up the caller's session (sign-out): sent with a session of its own. */
  ownSession?: boolean
}
/**
 * `ids: false`: the call names nothing of a workspace, so there is no second workspace's id to try.
 * `unknown`: what an unknown id answers when that is not 404 (a token looked up by an environment
 * key answers "none"); the second workspace's ids must still answer exactly that.
 */
type Spec = { least: Least; call: (ids: Ids) => Promise<Call> | Call; ids?: false; unknown?: number }

const MULTIPART = {
  headers: { 'content-type': 'multipart/form-data; boundary=B' },
  payload:
    '--B\r\nContent-Disposition: form-data; name="file"; filename="walk.bin"\r\nContent-Type: application/octet-stream\r\n\r\nwalked\r\n--B--\r\n',
}
const FORM = (fields: Record<string, string>, origin: string) => ({
  headers: {
    'content-type': 'application/x-www-form-urlencoded',
    origin,
    'sec-fetch-site': 'same-origin',
  },
  payload: new URLSearchParams(fields).toString(),
})
const TAB_STATE = { tabs: [], activeTabId: null, environmentId: null, closedTabs: [] }

function table(upstream: string, idp: string, origin: string, preview: unknown): Record<string, Spec> {
  const request = { method: 'GET', url: `${upstream}/walk` }
  const oauth = { grant: 'client_credentials', tokenUrl: `${idp}/token`, clientId: 'c', clientSecret: 's' }
  return {
    // Capture mounts' forwarder (issue 18): no Courier credential (the captured app has none), the
    // mount's own Origin rules; every person, and no one, gets the same answer for a mount that is none.
    ...Object.fromEntries(
      ['DELETE', 'GET', 'PATCH', 'POST', 'PUT', 'OPTIONS'].flatMap((method) =>
        ['/capture/:name', '/capture/:name/*'].map((url): [string, Spec] => [
          `${method} ${url}`,
          {
            least: 'public',
            ids: false,
            call: () => ({ url: url.replace(':name', 'no-such-mount').replace('*', 'x') }),
          },
        ]),
      ),
    ),
    // The page, its files, the sign-in and set-password forms, the login link, the OAuth callback.
    'GET /': { least: 'public', call: () => ({ url: '/' }) },
    'GET /index.html': { least: 'public', call: () => ({ url: '/index.html' }) },
    'GET /*': { least: 'public', call: () => ({ url: '/assets/app.js' }) },
    'GET /visualizer.html': { least: 'public', call: () => ({ url: '/visualizer.html' }) },
    'GET /login': { least: 'public', call: () => ({ url: '/login?token=x' }) },
    'GET /sign-in': { least: 'public', call: () => ({ url: '/sign-in' }) },
    'POST /sign-in': {
      least: 'public',
      call: () => ({ url: '/sign-in', ...FORM({ email: 'nobody@team.test', password: 'not a password' }, origin) }),
    },
    'GET /set-password': { least: 'public', call: () => ({ url: '/set-password?token=x' }) },
    'POST /set-password': {
      least: 'public',
      call: () => ({ url: '/set-password', ...FORM({ token: 'x', password: 'p', confirm: 'p' }, origin) }),
    },
    'GET /oauth/callback': { least: 'public', call: () => ({ url: '/oauth/callback?state=x&code=y' }) },
    'POST /oauth/callback': {
      least: 'public',
      call: () => ({ url: '/oauth/callback', payload: { state: 'x', fragment: 'access_token=y' } }),
    },

    // One's own things, wherever one works.
    'GET /api/info': { least: 'signed-in', call: () => ({ url: '/api/info' }) },
    'GET /api/me': { least: 'signed-in', call: () => ({ url: '/api/me' }) },
    'POST /api/sign-out': { least: 'signed-in', call: () => ({ url: '/api/sign-out', payload: {}, ownSession: true }) },
    'GET /api/settings': { least: 'signed-in', call: () => ({ url: '/api/settings' }) },
    // Issue 19: a team server keeps no workspace as files; its status says so, and nothing else is routed.
    'GET /api/workspace-files': { least: 'signed-in', call: () => ({ url: '/api/workspace-files' }) },
    'GET /api/history': { least: 'signed-in', call: () => ({ url: '/api/history' }) },
    'DELETE /api/history': { least: 'signed-in', call: () => ({ url: '/api/history', ok: 204 }) },
    'GET /api/history/:id': {
      least: 'signed-in',
      call: async (ids) => ({ url: `/api/history/${await ids.fresh.history()}` }),
    },
    'DELETE /api/history/:id': {
      least: 'signed-in',
      call: async (ids) => ({ url: `/api/history/${await ids.fresh.history()}`, ok: 204 }),
    },
    'GET /api/responses/:id/body': {
      least: 'signed-in',
      call: async (ids) => ({ url: `/api/responses/${await ids.fresh.history()}/body` }),
    },
    'POST /api/export/history': {
      least: 'signed-in',
      call: () => ({ url: '/api/export/history', payload: { format: 'json' } }),
    },
    'GET /api/cookies': { least: 'signed-in', call: () => ({ url: '/api/cookies' }) },
    'PUT /api/cookies': {
      least: 'signed-in',
      call: () => ({ url: '/api/cookies', payload: { domain: 'api.example.com', name: 'c', value: 'v' } }),
    },
    'DELETE /api/cookies': { least: 'signed-in', call: () => ({ url: '/api/cookies' }) },
    'DELETE /api/cookies/entry': {
      least: 'signed-in',
      call: () => ({ url: '/api/cookies/entry?domain=api.example.com&path=/&name=c' }),
    },
    'GET /api/workspace': { least: 'signed-in', call: () => ({ url: '/api/workspace' }) },
    'PUT /api/workspace': { least: 'signed-in', call: () => ({ url: '/api/workspace', payload: TAB_STATE, ok: 204 }) },
    'POST /api/files': { least: 'signed-in', call: () => ({ url: '/api/files', ...MULTIPART, ok: 201 }) },
    'POST /api/convert/curl': {
      least: 'signed-in',
      call: () => ({ url: '/api/convert/curl', payload: { command: `curl ${upstream}/x` } }),
    },
    'GET /api/workspaces': { least: 'signed-in', call: () => ({ url: '/api/workspaces' }) },
    'POST /api/workspaces': {
      least: 'signed-in',
      call: () => ({ url: '/api/workspaces', payload: { name: 'Mine' }, ok: 201 }),
    },
    'POST /api/invitations/accept': {
      least: 'signed-in',
      ids: false,
      call: async (ids) => ({ url: '/api/invitations/accept', payload: { token: await ids.fresh.invitation() } }),
    },
    'POST /api/oauth/flows': {
      least: 'signed-in',
      call: () => ({ url: '/api/oauth/flows', payload: { config: oauth } }),
    },
    'GET /api/oauth/flows/:id': {
      least: 'signed-in',
      call: async (ids) => ({ url: `/api/oauth/flows/${(await ids.fresh.flow()).id}` }),
    },
    'DELETE /api/oauth/flows/:id': {
      least: 'signed-in',
      call: async (ids) => ({ url: `/api/oauth/flows/${(await ids.fresh.flow()).id}` }),
    },
    'POST /api/oauth/flows/:id/redirect': {
      least: 'signed-in',
      call: async (ids) => {
        const flow = await ids.fresh.flow()
        return { url: `/api/oauth/flows/${flow.id}/redirect`, payload: { url: flow.pasted } }
      },
    },

    // Reading and sending in the workspace: every member.
    'POST /api/send': {
      least: 'viewer',
      call: (ids) => ({ url: '/api/send', payload: { request, environmentId: ids.environment, itemId: ids.item } }),
    },
    'POST /api/runs': {
      least: 'viewer',
      call: (ids) => ({ url: '/api/runs', payload: { collection: ids.collection } }),
    },
    'POST /api/runs/start': {
      least: 'viewer',
      call: (ids) => ({ url: '/api/runs/start', payload: { collection: ids.collection } }),
    },
    'GET /api/runs': { least: 'viewer', call: () => ({ url: '/api/runs' }) },
    'GET /api/runs/:id': { least: 'viewer', call: async (ids) => ({ url: `/api/runs/${await ids.fresh.run()}` }) },
    'POST /api/runs/:id/stop': {
      least: 'viewer',
      call: async (ids) => ({ url: `/api/runs/${await ids.fresh.run()}/stop`, payload: {} }),
    },
    'DELETE /api/runs/:id': {
      least: 'viewer',
      call: async (ids) => ({ url: `/api/runs/${await ids.fresh.run()}`, ok: 204 }),
    },
    'POST /api/codegen': {
      least: 'viewer',
      call: (ids) => ({
        url: '/api/codegen',
        payload: { request, target: 'curl', environmentId: ids.environment, itemId: ids.item },
      }),
    },
    'POST /api/oauth/discover': {
      least: 'viewer',
      call: (ids) => ({ url: '/api/oauth/discover', payload: { issuer: idp, environmentId: ids.environment } }),
    },
    'GET /api/oauth/token': {
      least: 'viewer',
      unknown: 200,
      call: (ids) => ({ url: `/api/oauth/token?environmentId=${ids.environment}&tokenKey=default` }),
    },
    'DELETE /api/oauth/token': {
      least: 'viewer',
      unknown: 204,
      call: (ids) => ({ url: `/api/oauth/token?environmentId=${ids.environment}&tokenKey=default`, ok: 204 }),
    },
    'GET /api/collections': { least: 'viewer', call: () => ({ url: '/api/collections' }) },
    'GET /api/environments': { least: 'viewer', call: () => ({ url: '/api/environments' }) },
    'GET /api/versions/:kind/:id': { least: 'viewer', call: (ids) => ({ url: `/api/versions/item/${ids.item}` }) },
    'GET /api/versions/:kind/:id/:version': {
      least: 'viewer',
      call: (ids) => ({ url: `/api/versions/item/${ids.item}/1` }),
    },
    'GET /api/trash': { least: 'viewer', call: () => ({ url: '/api/trash' }) },
    'POST /api/import/preview': {
      least: 'viewer',
      call: () => ({ url: '/api/import/preview', payload: { source: { kind: 'text', text: `curl ${upstream}/x` } } }),
    },
    'POST /api/export/collection': {
      least: 'viewer',
      call: (ids) => ({
        url: '/api/export/collection',
        payload: { collectionId: ids.collection, folderId: ids.folder, format: 'postman' },
      }),
    },
    'POST /api/export/workspace': { least: 'viewer', call: () => ({ url: '/api/export/workspace', payload: {} }) },
    'POST /api/collections/:id/copy': {
      least: 'viewer',
      call: (ids) => ({
        url: `/api/collections/${ids.collection}/copy`,
        payload: { workspaceId: ids.personal, environmentIds: [ids.environment] },
        ok: 201,
      }),
    },
    'PUT /api/environments/:id/current-values': {
      least: 'viewer',
      call: (ids) => ({
        url: `/api/environments/${ids.environment}/current-values`,
        payload: { name: 'host', value: 'mine' },
      }),
    },
    'GET /api/presence': { least: 'viewer', call: () => ({ url: '/api/presence' }) },
    'PUT /api/presence': {
      least: 'viewer',
      unknown: 200,
      call: (ids) => ({ url: '/api/presence', payload: { clientId: 'walk-tab', itemId: ids.item } }),
    },
    'GET /api/events': { least: 'viewer', call: () => ({ url: '/api/events', stream: true }) },
    // Capture mounts are a member's own (like sends), in the workspace whose environments they inject from.
    'GET /api/capture/mounts': { least: 'viewer', call: () => ({ url: '/api/capture/mounts' }) },
    'POST /api/capture/mounts': {
      least: 'viewer',
      ids: false,
      call: () => ({ url: '/api/capture/mounts', payload: { name: `walk-${newId()}`, upstream } }),
    },
    'PATCH /api/capture/mounts/:id': {
      least: 'viewer',
      call: async (ids) => {
        const mount = await ids.fresh.mount()
        return { url: `/api/capture/mounts/${mount.id}`, payload: { version: mount.version, enabled: false } }
      },
    },
    'DELETE /api/capture/mounts/:id': {
      least: 'viewer',
      call: async (ids) => ({ url: `/api/capture/mounts/${(await ids.fresh.mount()).id}` }),
    },
    'GET /api/capture/events': { least: 'viewer', call: () => ({ url: '/api/capture/events', stream: true }) },
    // Realtime sessions are sends: every member may open the page socket (its sessions are scoped like sends).
    'GET /api/realtime': { least: 'viewer', call: () => ({ url: '/api/realtime', upgrade: true }) },
    // Mock servers (issue 18): shared with the workspace; members read them and their call logs.
    'GET /api/mocks': { least: 'viewer', call: () => ({ url: '/api/mocks' }) },
    'GET /api/mocks/:id/routes': { least: 'viewer', call: (ids) => ({ url: `/api/mocks/${ids.mock}/routes` }) },
    'GET /api/mocks/:id/calls': { least: 'viewer', call: (ids) => ({ url: `/api/mocks/${ids.mock}/calls` }) },
    'GET /api/workspaces/:workspaceId/members': {
      least: 'viewer',
      call: (ids) => ({ url: `/api/workspaces/${ids.workspace}/members` }),
    },

    // Changing the workspace's shared items: editors and up.
    'POST /api/collections': {
      least: 'editor',
      call: () => ({ url: '/api/collections', payload: { name: 'New' }, ok: 201 }),
    },
    'PATCH /api/collections/:id': {
      least: 'editor',
      call: async (ids) => ({
        url: `/api/collections/${await ids.fresh.collection()}`,
        payload: { version: 1, name: 'Renamed' },
      }),
    },
    'DELETE /api/collections/:id': {
      least: 'editor',
      call: async (ids) => ({ url: `/api/collections/${await ids.fresh.collection()}` }),
    },
    'POST /api/collections/:id/duplicate': {
      least: 'editor',
      call: (ids) => ({ url: `/api/collections/${ids.collection}/duplicate`, payload: {}, ok: 201 }),
    },
    'POST /api/collections/restore': {
      least: 'editor',
      call: async (ids) => ({ url: '/api/collections/restore', payload: await ids.fresh.removed() }),
    },
    'POST /api/items': {
      least: 'editor',
      call: (ids) => ({
        url: '/api/items',
        payload: { kind: 'request', collectionId: ids.collection, parentId: ids.folder, name: 'New', request },
        ok: 201,
      }),
    },
    'PATCH /api/items/:id': {
      least: 'editor',
      call: async (ids) => {
        const item = await ids.fresh.item()
        return { url: `/api/items/${item.id}`, payload: { version: item.version, name: 'Renamed' } }
      },
    },
    'DELETE /api/items/:id': {
      least: 'editor',
      call: async (ids) => ({ url: `/api/items/${(await ids.fresh.item()).id}` }),
    },
    'POST /api/items/:id/move': {
      least: 'editor',
      call: async (ids) => ({
        url: `/api/items/${(await ids.fresh.item()).id}/move`,
        payload: { collectionId: ids.collection, parentId: ids.folder, index: 0 },
      }),
    },
    'POST /api/items/:id/duplicate': {
      least: 'editor',
      call: (ids) => ({ url: `/api/items/${ids.item}/duplicate`, payload: {} }),
    },
    'POST /api/mocks': {
      least: 'editor',
      call: (ids) => ({
        url: '/api/mocks',
        payload: { name: 'Walk', source: { kind: 'collection', collectionId: ids.collection } },
        ok: 201,
      }),
    },
    'PATCH /api/mocks/:id': {
      least: 'editor',
      call: async (ids) => {
        const mock = await ids.fresh.mock()
        return { url: `/api/mocks/${mock.id}`, payload: { version: mock.version, delayMs: 10 } }
      },
    },
    'DELETE /api/mocks/:id': {
      least: 'editor',
      call: async (ids) => ({ url: `/api/mocks/${(await ids.fresh.mock()).id}`, ok: 204 }),
    },
    'DELETE /api/mocks/:id/calls': {
      least: 'editor',
      call: async (ids) => ({ url: `/api/mocks/${(await ids.fresh.mock()).id}/calls`, ok: 204 }),
    },
    'POST /api/environments': {
      least: 'editor',
      call: () => ({ url: '/api/environments', payload: { name: 'New', variables: [] }, ok: 201 }),
    },
    'PATCH /api/environments/:id': {
      least: 'editor',
      call: async (ids) => {
        const env = await ids.fresh.environment()
        return { url: `/api/environments/${env.id}`, payload: { version: env.version, name: 'Renamed' } }
      },
    },
    'DELETE /api/environments/:id': {
      least: 'editor',
      call: async (ids) => ({ url: `/api/environments/${(await ids.fresh.environment()).id}`, ok: 204 }),
    },
    'POST /api/environments/:id/duplicate': {
      least: 'editor',
      call: (ids) => ({ url: `/api/environments/${ids.environment}/duplicate`, payload: {}, ok: 201 }),
    },
    'POST /api/import/commit': {
      least: 'editor',
      call: () => ({ url: '/api/import/commit', payload: { result: preview }, ok: 201 }),
    },
    'POST /api/versions/:kind/:id/:version/restore': {
      least: 'editor',
      call: async (ids) => ({ url: `/api/versions/item/${(await ids.fresh.item()).id}/1/restore`, payload: {} }),
    },
    'POST /api/trash/:id/restore': {
      least: 'editor',
      call: async (ids) => ({ url: `/api/trash/${(await ids.fresh.removed()).trashId}/restore`, payload: {} }),
    },
    'DELETE /api/trash/:id': {
      least: 'editor',
      call: async (ids) => ({ url: `/api/trash/${(await ids.fresh.removed()).trashId}`, ok: 204 }),
    },

    // Managing the workspace: owners and admins. The server-wide send settings too (a hole the walk found).
    'PUT /api/settings': { least: 'admin', call: () => ({ url: '/api/settings', payload: {} }) },
    'PATCH /api/workspaces/:workspaceId': {
      least: 'admin',
      call: (ids) => ({ url: `/api/workspaces/${ids.workspace}`, payload: { name: 'Team' }, ok: 204 }),
    },
    'PUT /api/workspaces/:workspaceId/members/:userId': {
      least: 'admin',
      call: async (ids) => ({
        url: `/api/workspaces/${ids.workspace}/members/${await ids.fresh.member()}`,
        payload: { role: 'editor' },
      }),
    },
    'DELETE /api/workspaces/:workspaceId/members/:userId': {
      least: 'admin',
      call: async (ids) => ({ url: `/api/workspaces/${ids.workspace}/members/${await ids.fresh.member()}`, ok: 204 }),
    },
    'POST /api/workspaces/:workspaceId/invitations': {
      least: 'admin',
      call: (ids) => ({ url: `/api/workspaces/${ids.workspace}/invitations`, payload: { role: 'viewer' }, ok: 201 }),
    },
    'GET /api/workspaces/:workspaceId/audit': {
      least: 'admin',
      call: (ids) => ({ url: `/api/workspaces/${ids.workspace}/audit` }),
    },
    'GET /api/workspaces/:workspaceId/audit/export': {
      least: 'admin',
      call: (ids) => ({ url: `/api/workspaces/${ids.workspace}/audit/export?format=json` }),
    },
  }
}

type Answer = { status: number; body: string }
/** Status and body; an id the caller named may be echoed, so ids read as <id> (the one who asks knows them). */
const answerOf = (response: LightMyRequestResponse): Answer => ({
  status: response.statusCode,
  body: response.body.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>'),
})
const errorOf = (answer: Answer) => (JSON.parse(answer.body) as { error: { code: string; message: string } }).error

function builtWebApp(): string {
  const webDist = join(tempDataDir(), 'web')
  mkdirSync(join(webDist, 'assets'), { recursive: true })
  writeFileSync(
    join(webDist, 'index.html'),
    '<!doctype html><html><head><title>Courier</title></head><body></body></html>',
  )
  writeFileSync(join(webDist, 'assets', 'app.js'), 'console.log(1)')
  return webDist
}

async function walk(overrides: Parameters<typeof buildTeamTestApp>[0] = {}) {
  const routes: string[] = []
  const team: TeamTestApp = await buildTeamTestApp({ webDist: builtWebApp(), ...overrides }, (fastify) =>
    fastify.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push(`${method} ${route.url}`)
    }),
  )
  const { fastify } = team
  await fastify.listen({ host: '127.0.0.1', port: 0 })
  const port = (fastify.server.address() as AddressInfo).port
  const host = `127.0.0.1:${port}`
  const origin = `http://${host}`
  const upstream = await startUpstream((_request, response) => response.end('walked'))
  let issuer = ''
  const idp = await startUpstream((request, response) => {
    response.setHeader('content-type', 'application/json')
    if (request.url?.startsWith('/.well-known/'))
      return response.end(JSON.stringify({ issuer, token_endpoint: `${issuer}/token` }))
    response.end(JSON.stringify({ access_token: 'walk-token', token_type: 'Bearer', expires_in: 3600 }))
  })
  issuer = idp.url('').replace(/\/$/, '')
  const preview = await fastify.inject({
    method: 'POST',
    url: '/api/import/preview',
    headers: {
      host,
      ...(await sessionHeaders(fastify, team.config, team.users.owner)),
      'content-type': 'application/json',
    },
    payload: JSON.stringify({ source: { kind: 'text', text: `curl ${upstream.url('/imported')}` } }),
  })
  const TABLE = table(upstream.url(''), idp.url(''), origin, preview.json())

  // The table covers every route the app registers, and names no route it does not.
  const unclassified = routes.filter((route) => !(route in TABLE))
  expect(unclassified, 'routes missing from the walk table: classify them').toEqual([])
  expect(Object.keys(TABLE).filter((route) => !routes.includes(route))).toEqual([])

  // People: one per role in the team workspace, and one who is in it not at all.
  const outsider = await team.addPerson('outsider')
  const people: Record<Role | 'outsider', string> = { ...team.users, outsider }
  const sessions = new Map<string, Record<string, string>>()
  const session = async (userId: string) => {
    if (!sessions.has(userId)) sessions.set(userId, await sessionHeaders(fastify, team.config, userId))
    return sessions.get(userId)!
  }
  const inject = async (userId: string | null, method: string, call: Call, workspace: string | null) =>
    fastify.inject({
      method: method as InjectOptions['method'],
      url: call.url,
      headers: {
        host,
        ...(userId
          ? call.ownSession
            ? await sessionHeaders(fastify, team.config, userId)
            : await session(userId)
          : {}),
        ...(workspace ? { [WORKSPACE_HEADER]: workspace } : {}),
        ...(call.payload !== undefined && !call.headers?.['content-type']
          ? { 'content-type': 'application/json' }
          : {}),
        ...call.headers,
      },
      ...(call.payload === undefined
        ? {}
        : { payload: typeof call.payload === 'string' ? call.payload : JSON.stringify(call.payload) }),
    })
  const stream = async (userId: string, call: Call, workspace: string) => {
    const events = await openEventStream(`${origin}${call.url}?workspace=${workspace}`, await session(userId))
    events.close()
    return events.status
  }
  const upgrade = async (userId: string, call: Call, workspace: string) => {
    const socket = new WebSocket(`${origin.replace(/^http/, 'ws')}${call.url}?workspace=${workspace}`, {
      headers: { origin, ...(await session(userId)) },
    })
    const status = await new Promise<number>((resolve) => {
      socket.once('upgrade', (response) => resolve(response.statusCode ?? 0))
      socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0))
      socket.once('error', () => resolve(0))
    })
    socket.terminate()
    return status
  }
  const owner = (workspace: string) => ({
    call: (method: string, url: string, payload?: unknown) =>
      inject(team.users.owner, method, { url, ...(payload === undefined ? {} : { payload }) }, workspace),
  })

  /** Real things of a workspace, made by its owner through the API. */
  const W1 = team.workspaceId
  const W2 = (await owner(W1).call('POST', '/api/workspaces', { name: 'Second' })).json<{ id: string }>().id
  const W3 = (await inject(outsider, 'POST', { url: '/api/workspaces', payload: { name: 'Third' } }, null)).json<{
    id: string
  }>().id
  const things = async (workspace: string) => {
    const api = owner(workspace)
    const collection = (await api.call('POST', '/api/collections', { name: 'Shop' })).json<{ id: string }>().id
    const folder = (
      await api.call('POST', '/api/items', { kind: 'folder', collectionId: collection, name: 'Orders' })
    ).json<{ id: string }>().id
    const item = (
      await api.call('POST', '/api/items', {
        kind: 'request',
        collectionId: collection,
        parentId: folder,
        name: 'List',
        request: { method: 'GET', url: upstream.url('/orders') },
      })
    ).json<{ id: string }>().id
    const environment = (
      await api.call('POST', '/api/environments', {
        name: 'Staging',
        variables: [{ name: 'host', value: 'api.test', secret: false }],
      })
    ).json<{ id: string }>().id
    const mock = (
      await api.call('POST', '/api/mocks', {
        name: 'Shop mock',
        source: { kind: 'collection', collectionId: collection },
      })
    ).json<{ id: string }>().id
    return { collection, folder, item, environment, mock }
  }
  const real = { [W1]: await things(W1), [W2]: await things(W2) }

  /** The ids a call of `userId` with workspace `named` uses: of workspace `from`, or made up (from = null). */
  const idsFor = async (userId: string, named: string, from: string | null): Promise<Ids> => {
    const made = () => newId()
    const personal = (await fastify.store.memberships.personalOf(userId, 'Personal')).id
    if (!from)
      return {
        workspace: made(),
        collection: made(),
        folder: made(),
        item: made(),
        environment: made(),
        mock: made(),
        personal,
        fresh: {
          collection: async () => made(),
          item: async () => ({ id: made(), version: 1 }),
          environment: async () => ({ id: made(), version: 1 }),
          mock: async () => ({ id: made(), version: 1 }),
          removed: async () => ({ collection: null, items: [], trashId: made() }),
          history: async () => made(),
          run: async () => made(),
          mount: async () => ({ id: made(), version: 1 }),
          flow: async () => ({ id: made(), pasted: 'https://app.example/callback?code=a&state=b' }),
          member: async () => made(),
          invitation: async () => made() + made(),
        },
      }
    const api = owner(from)
    const base = real[from]!
    return {
      workspace: from,
      ...base,
      personal,
      fresh: {
        collection: async () =>
          (await api.call('POST', '/api/collections', { name: 'Fresh' })).json<{ id: string }>().id,
        item: async () =>
          (
            await api.call('POST', '/api/items', {
              kind: 'request',
              collectionId: base.collection,
              name: 'Fresh',
              request: { method: 'GET', url: upstream.url('/fresh') },
            })
          ).json<{ id: string; version: number }>(),
        environment: async () =>
          (await api.call('POST', '/api/environments', { name: 'Fresh', variables: [] })).json<{
            id: string
            version: number
          }>(),
        mock: async () =>
          (
            await api.call('POST', '/api/mocks', {
              name: 'Fresh mock',
              source: { kind: 'collection', collectionId: base.collection },
            })
          ).json<{ id: string; version: number }>(),
        removed: async () => {
          const id = (await api.call('POST', '/api/collections', { name: 'Doomed' })).json<{ id: string }>().id
          return (await api.call('DELETE', `/api/collections/${id}`)).json()
        },
        // One's own: a send of the caller's (someone else's entry for the second workspace's ids).
        history: async () => {
          const sender = from === W1 ? userId : team.users.editor
          const sent = await inject(
            sender,
            'POST',
            { url: '/api/send', payload: { request: { method: 'GET', url: upstream.url('/h') } } },
            from === W1 ? named : W1,
          )
          return sent.statusCode === 200 ? sent.json<{ id: string }>().id : made()
        },
        run: async () => {
          const starter = from === W1 ? userId : team.users.owner
          const ran = await inject(
            starter,
            'POST',
            { url: '/api/runs', payload: { collection: base.collection } },
            from === W1 ? named : from,
          )
          return ran.statusCode === 200 ? ran.json<{ id: string }>().id : made()
        },
        mount: async () => {
          const maker = from === W1 ? userId : team.users.owner
          const created = await inject(
            maker,
            'POST',
            { url: '/api/capture/mounts', payload: { name: `walk-${newId()}`, upstream: upstream.url('') } },
            from === W1 ? named : from,
          )
          return created.statusCode === 200
            ? created.json<{ id: string; version: number }>()
            : { id: made(), version: 1 }
        },
        flow: async () => {
          const starter = from === W1 ? userId : team.users.editor
          const config = {
            grant: 'authorization_code',
            authUrl: idp.url('/authorize'),
            tokenUrl: idp.url('/token'),
            clientId: 'app',
            redirectUri: 'https://app.example/callback',
          }
          const started = await inject(
            starter,
            'POST',
            { url: '/api/oauth/flows', payload: { config } },
            from === W1 ? named : W1,
          )
          if (started.statusCode !== 200) return { id: made(), pasted: 'https://app.example/callback?code=a&state=b' }
          const flow = started.json<{ id: string; authorizeUrl: string }>()
          const state = new URL(flow.authorizeUrl).searchParams.get('state')
          return { id: flow.id, pasted: `https://app.example/callback?code=walk-code&state=${state}` }
        },
        member: async () => {
          const id = await team.addPerson('spare')
          await fastify.store.memberships.setRole(from, id, 'viewer')
          return id
        },
        invitation: async () => {
          const invited = await inject(
            outsider,
            'POST',
            { url: `/api/workspaces/${W3}/invitations`, payload: { role: 'viewer' } },
            W3,
          )
          return new URL(invited.json<{ path: string }>().path, origin).searchParams.get('invite')!
        },
      },
    }
  }

  const refusals: string[] = []
  let walked = 0
  for (const [route, spec] of Object.entries(TABLE)) {
    const method = route.slice(0, route.indexOf(' '))
    walked++

    if (spec.least === 'public') {
      // Anyone, without a session; signed in, whatever workspace one names (a public route never asks).
      const anonymous = await inject(null, method, await spec.call(await idsFor(outsider, W1, W1)), null)
      expect(anonymous.statusCode, `${route} anonymously`).toBeLessThan(500)
      expect(anonymous.body, `${route} anonymously: the gate let it through`).not.toContain('"UNAUTHORIZED"')
      for (const who of Object.values(people)) {
        const call = await spec.call(await idsFor(who, W1, W1))
        const answer = await inject(who, method, call, W1)
        expect(answer.statusCode, `${route} as ${who}`).toBeLessThan(500)
        expect((await inject(who, method, call, newId())).statusCode, `${route} as ${who}`).toBe(answer.statusCode)
      }
      continue
    }

    // A non-member naming the team workspace gets exactly what a made-up workspace or made-up ids get.
    const outsiderCall = await spec.call(await idsFor(outsider, W1, W1))
    const stranger = answerOf(await inject(outsider, method, outsiderCall, W1))
    expect(stranger.status, `${route} as a non-member`).toBe(404)
    expect(errorOf(stranger)).toEqual({ code: 'NOT_FOUND', message: expect.stringMatching(/\.$/) })
    expect(answerOf(await inject(outsider, method, await spec.call(await idsFor(outsider, W1, null)), W1))).toEqual(
      stranger,
    )
    expect(
      answerOf(await inject(team.users.owner, method, outsiderCall, newId())),
      `${route}, made-up workspace`,
    ).toEqual(stranger)

    for (const role of ROLES) {
      const who = team.users[role]
      const call = await spec.call(await idsFor(who, W1, W1))
      const allowed = spec.least === 'signed-in' || RANK[role] >= RANK[spec.least]
      if (call.stream) {
        expect(await stream(who, call, W1), `${route} as ${role}`).toBe(allowed ? 200 : 403)
        continue
      }
      if (call.upgrade) {
        expect(await upgrade(who, call, W1), `${route} as ${role}`).toBe(allowed ? 101 : 403)
        continue
      }
      const answer = await inject(who, method, call, W1)
      if (allowed) {
        expect(answer.statusCode, `${route} as ${role}: ${answer.body.slice(0, 300)}`).toBe(call.ok ?? 200)
      } else {
        expect(answer.statusCode, `${route} as ${role}: ${answer.body.slice(0, 300)}`).toBe(403)
        const error = errorOf(answerOf(answer))
        expect(error.code).toBe('FORBIDDEN')
        expect(error.message, `${route}: a sentence a person understands`).toMatch(/^[A-Z].{20,}\.$/)
        refusals.push(`${route} ${role}`)
      }
    }

    // Things of one's own need no team workspace: the non-member gets them in their personal one.
    if (spec.least === 'signed-in') {
      const call = await spec.call(
        await idsFor(outsider, (await fastify.store.memberships.personalOf(outsider, 'Personal')).id, W1),
      )
      expect((await inject(outsider, method, call, null)).statusCode, `${route} as a non-member, personal`).toBe(
        call.ok ?? 200,
      )
    }

    // Ids of a second workspace the caller owns, with the first workspace's header: 404, like made-up ids.
    if (!route.includes(':workspaceId') && spec.ids !== false) {
      const foreign = await spec.call(await idsFor(team.users.owner, W1, W2))
      const local = await spec.call(await idsFor(team.users.owner, W1, W1))
      if (
        JSON.stringify([foreign.url, foreign.payload]) !== JSON.stringify([local.url, local.payload]) &&
        !foreign.stream &&
        !foreign.upgrade
      ) {
        const theirs = answerOf(await inject(team.users.owner, method, foreign, W1))
        const madeUp = answerOf(
          await inject(team.users.owner, method, await spec.call(await idsFor(team.users.owner, W1, null)), W1),
        )
        expect(theirs.status, `${route} with the second workspace's ids: ${theirs.body.slice(0, 300)}`).toBe(
          spec.unknown ?? 404,
        )
        expect(theirs, `${route}: the second workspace's ids answer like made-up ones`).toEqual(madeUp)
      }
    }
  }

  // Viewers are refused every write but sending; editors every admin route.
  const writes = Object.entries(TABLE).filter(
    ([route, spec]) => !route.startsWith('GET ') && (spec.least === 'editor' || spec.least === 'admin'),
  )
  for (const [route] of writes) expect(refusals, route).toContain(`${route} viewer`)
  for (const [route, spec] of Object.entries(TABLE))
    if (spec.least === 'admin') expect(refusals, route).toContain(`${route} editor`)
  // A route registered twice under one method and URL (capture's WebSocket route, by constraint) is walked once.
  expect(walked).toBe(new Set(routes).size)

  // The server-wide settings: owning a workspace of one's own does not make one the team's admin.
  const own = await inject(outsider, 'PUT', { url: '/api/settings', payload: {} }, W3)
  expect(own.statusCode).toBe(403)
  expect(errorOf(answerOf(own)).code).toBe('FORBIDDEN')
}

describe('the route walk, every route as a non-member and as each role (SQLite)', () => {
  it('answers each as the table says', { timeout: 300_000 }, async () => {
    await walk()
  })
})

describePostgres('the route walk, every route as a non-member and as each role (PostgreSQL)', (url) => {
  it('answers each as the table says', { timeout: 300_000 }, async () => {
    const schema = await freshSchema(url, 'courier_walk')
    onTestFinished(schema.drop)
    await walk({ database: { kind: 'postgres', url: schema.url } })
  })
})
