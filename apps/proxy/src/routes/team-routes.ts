import type { FastifyInstance } from 'fastify'
import { endpoints, type Me } from '@courier/shared'
import type { SessionCookie } from '../plugins/session-cookie.js'
import type { Sessions } from '../storage/sessions.js'
import { readCookie } from '../plugins/session-cookie.js'
import { parseInput } from './parse-input.js'

export type TeamRoutesOptions = {
  team: boolean
  cookie: SessionCookie
  sessions: () => Sessions
}

/** Who is signed in (`GET /api/me`) and signing out (`POST /api/sign-out`). Gated like every API route. */
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
}
