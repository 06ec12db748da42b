import type { RequestSpec } from '@courier/shared'
import type { FastifyInstance } from 'fastify'

export type AuthorizeContext = { environmentId: string | undefined }

/**
 * The auth step of a send that needs server state (OAuth 2 tokens: fetch, refresh, attach).
 * Static auth (basic, bearer, API key) and digest are applied by the engine itself.
 * Returns the spec to send.
 */
export async function authorizeRequest(_fastify: FastifyInstance, spec: RequestSpec, _context: AuthorizeContext): Promise<RequestSpec> {
  return spec
}
