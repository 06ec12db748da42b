import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { CLIENT_HEADER, WORKSPACE_HEADER } from '@courier/shared'
import { CourierError } from '../errors.js'
import { auditedScope } from '../team/audited-data.js'
import { can, LOCAL_ACTOR, localScope, memberScope, type Actor, type Scope } from '../team/scope.js'
import { clientIdOf, publishingScope } from '../team/publishing-scope.js'
import { hideSecretValues } from '../team/secret-visibility.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is acting: set by the security gate (the local user in single-user mode). */
    actor: Actor
    /** What this request may touch; resolved for every gated route before its handler runs. */
    scope: Scope
  }
}

export type WorkspaceScopeOptions = {
  /** Team mode: each request names its workspace and must be a member of it. */
  team: boolean
}

/**
 * Routes that change a workspace's shared items (collections, folders, requests, environments,
 * imports, versions, trash): by matched route pattern, so no spelling of a URL escapes the list.
 * A route that changes only the actor's own things inside these prefixes sets `config.personal`.
 */
const SHARED_ITEM_PREFIXES = [
  '/api/collections',
  '/api/items',
  '/api/environments',
  '/api/import/commit',
  '/api/versions',
  '/api/trash',
]

export function changesSharedItems(method: string, url: string | undefined): boolean {
  if (method === 'GET' || method === 'HEAD' || url === undefined) return false
  return SHARED_ITEM_PREFIXES.some((prefix) => url === prefix || url.startsWith(`${prefix}/`))
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Changes only the actor's own data (e.g. their current value of a variable): viewers may. */
    personal?: boolean
  }
}

export const VIEWER_CANNOT_SAVE =
  'Viewers can send requests and read this workspace, but not change it; ask an owner or admin for the editor role.'

export const WORKSPACE_NOT_FOUND = 'That workspace does not exist, or you are not a member of it.'

/** The workspace a request names: the x-courier-workspace header, or `?workspace=` (EventSource cannot set headers). */
function namedWorkspace(request: FastifyRequest): string | undefined {
  const header = request.headers[WORKSPACE_HEADER]
  if (typeof header === 'string' && header !== '') return header
  const query = request.query as Record<string, unknown> | undefined
  return typeof query?.workspace === 'string' && query.workspace !== '' ? query.workspace : undefined
}

/**
 * Gives every gated request its Scope. Single-user: the local user, owner of the local workspace.
 * Team mode: the actor's role in the named workspace (their personal one when none is named),
 * read from the database on every request so a removal takes effect at once; a workspace the
 * actor is not a member of answers 404, exactly like one that never existed.
 */
export default fp<WorkspaceScopeOptions>(
  async (fastify: FastifyInstance, options) => {
    fastify.decorateRequest('actor', null as unknown as Actor)
    fastify.decorateRequest('scope', null as unknown as Scope)
    const local = localScope(fastify.store)
    fastify.addHook('onRequest', async (request) => {
      request.actor ??= LOCAL_ACTOR
      if (!options.team) {
        request.scope = local
        return
      }
      if (request.routeOptions.config.public === true) return
      // The in-process secret (tests, an embedding CLI) acts as the local user, in the local workspace.
      if (request.actor.via === 'local') {
        request.scope = local
        return
      }
      const named = namedWorkspace(request)
      const memberships = fastify.store.memberships
      const workspaceId = named ?? (await memberships.personalOf(request.actor.userId, 'Personal')).id
      const role = await memberships.roleOf(workspaceId, request.actor.userId)
      if (!role) throw new CourierError('NOT_FOUND', WORKSPACE_NOT_FOUND)
      request.scope = memberScope(fastify.store, request.actor, workspaceId, role)
      request.scope = auditedScope(request.scope, fastify.store.audit, `${request.method} ${request.routeOptions.url}`)
      if (
        !can.save(role) &&
        request.routeOptions.config.personal !== true &&
        changesSharedItems(request.method, request.routeOptions.url)
      )
        throw new CourierError('FORBIDDEN', VIEWER_CANNOT_SAVE)
    })
    // Secret values leave the server only for those who may read them: checked on the payload
    // really serialized, whatever route (or error handler) produced it.
    fastify.addHook('preSerialization', async (request, _reply, payload) => {
      if (!options.team || !request.scope || can.readSecrets(request.scope.role)) return payload
      return hideSecretValues(payload)
    })
    // Every write through a scope is published to the workspace's open pages (routes/live-routes.ts).
    fastify.addHook('onRequest', async (request) => {
      if (!request.scope) return
      const onError = (error: unknown) => request.log.warn({ err: error }, 'a change could not be published')
      request.scope = publishingScope(
        request.scope,
        fastify.services.bus,
        clientIdOf(request.headers[CLIENT_HEADER]),
        onError,
      )
    })
  },
  { name: 'workspace-scope', dependencies: ['services'] },
)
