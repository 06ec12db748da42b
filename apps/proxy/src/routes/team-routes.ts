import type { FastifyInstance } from 'fastify'
import { endpoints, type Me, type RunInput, type RunReport } from '@courier/shared'
import type { Services } from '../services.js'
import type { SendServices } from '../send/perform-send.js'
import type { Scope } from '../team/scope.js'
import type { SessionCookie } from '../plugins/session-cookie.js'
import type { Sessions } from '../storage/sessions.js'
import { readCookie } from '../plugins/session-cookie.js'
import { parseInput } from './parse-input.js'

/** Runs a saved collection in a scope (the runner's runCollection, passed in: routes do not import the runner). */
export type RunInScope = (services: SendServices, input: RunInput, scope: Scope) => Promise<RunReport>

export type TeamRoutesOptions = {
  team: boolean
  run: RunInScope
  cookie: SessionCookie
  sessions: () => Sessions
}

/**
 * Who is signed in (`GET /api/me`), signing out (`POST /api/sign-out`), and running a saved
 * collection on the server in the caller's workspace, recording the caller's history
 * (`POST /api/runs`: the remote `courier run --server`). Gated like every API route.
 */
export default async function teamRoutes(fastify: FastifyInstance, options: TeamRoutesOptions) {
  fastify.get(endpoints.me.path, async (request): Promise<Me> => {
    const { actor } = request
    const workspaces = options.team
      ? await fastify.store.memberships.listFor(actor.userId)
      : [{ ...(await fastify.store.memberships.get(request.scope.workspaceId))!, role: request.scope.role }]
    return { team: options.team, actor, workspaces }
  })

  fastify.post(endpoints.signOut.path, async (request, reply) => {
    parseInput(endpoints.signOut.body, request.body ?? {})
    const token = readCookie(request.headers.cookie, options.cookie.name)
    if (token) await options.sessions().signOut(token)
    options.cookie.clear(reply)
    return reply.code(200).send(null)
  })

  fastify.post(endpoints.runCollection.path, async (request): Promise<RunReport> => {
    const input = parseInput(endpoints.runCollection.body, request.body)
    const services: Services = fastify.services
    return options.run({ ...services, log: request.log }, input, request.scope)
  })
}
