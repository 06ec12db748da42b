import Fastify, { type FastifyInstance, type InjectOptions, type LightMyRequestResponse } from 'fastify'
import { WORKSPACE_HEADER } from '@courier/shared'
import { onTestFinished } from 'vitest'
import { app } from '../app.js'
import type { AppConfig } from '../config.js'
import { newId } from '../ids.js'
import type { Role } from '../storage/team-schema.js'
import { testConfig, TEST_PORT } from './build-test-app.js'
import { ensurePerson, sessionHeaders } from './team-sessions.js'

export type TeamTestApp = {
  fastify: FastifyInstance
  config: AppConfig
  /** A team workspace and one member per role. */
  workspaceId: string
  users: Record<Role, string>
  /** Adds a real person (no membership but their personal workspace) and answers their id. */
  addPerson: (name: string) => Promise<string>
  /** `inject` as `userId`'s signed-in browser, in the team workspace unless the options name another. */
  as: (userId: string, options: InjectOptions) => Promise<LightMyRequestResponse>
}

/**
 * The whole app in team mode (`config.team`), with a team workspace whose owner, admin, editor and
 * viewer are four real people, each signed in: `as` sends their session cookie and CSRF token, so
 * the security gate, the workspace scope and the routes all run as for a browser.
 */
export async function buildTeamTestApp(
  overrides: Partial<AppConfig> = {},
  /** Runs before the app is registered (e.g. an onRoute hook that sees every route). */
  before?: (fastify: FastifyInstance) => void,
): Promise<TeamTestApp> {
  const fastify = Fastify({ bodyLimit: 10 * 1024 * 1024, forceCloseConnections: true })
  before?.(fastify)
  const config = testConfig({ team: true, ...overrides })
  await fastify.register(app, config)
  await fastify.ready()
  onTestFinished(() => fastify.close())

  const sessions = new Map<string, Promise<Record<string, string>>>()
  const addPerson = async (name: string) => {
    const id = newId()
    await ensurePerson(fastify, { id, email: `${name}-${id}@team.test`, name }, config.now)
    return id
  }
  const users: Record<Role, string> = {
    owner: await addPerson('owner'),
    admin: await addPerson('admin'),
    editor: await addPerson('editor'),
    viewer: await addPerson('viewer'),
  }
  const workspace = await fastify.store.memberships.createWorkspace('Team', 'team', users.owner)
  for (const role of ['admin', 'editor', 'viewer'] as const)
    await fastify.store.memberships.setRole(workspace.id, users[role], role)

  const as = async (userId: string, options: InjectOptions) => {
    let session = sessions.get(userId)
    if (!session) sessions.set(userId, (session = sessionHeaders(fastify, config, userId)))
    return fastify.inject({
      ...options,
      headers: {
        host: `127.0.0.1:${TEST_PORT}`,
        ...(await session),
        [WORKSPACE_HEADER]: workspace.id,
        ...(options.headers ?? {}),
      },
    })
  }
  return { fastify, config, workspaceId: workspace.id, users, addPerson, as }
}
