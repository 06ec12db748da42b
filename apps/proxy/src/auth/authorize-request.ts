import type { RequestSpec } from '@courier/shared'
import type { FastifyInstance } from 'fastify'

export type AuthorizeContext = { environmentId: string | undefined }

/**
 * The auth step of a send that needs server state: an OAuth 2 config becomes the stored token
 * (refreshed or fetched first when needed — oauth/oauth-service.ts). Static auth (basic, bearer,
 * API key) and digest are applied by the engine itself. Returns the spec to send.
 */
export async function authorizeRequest(fastify: FastifyInstance, spec: RequestSpec, context: AuthorizeContext): Promise<RequestSpec> {
  return fastify.oauth.authorize(spec, context.environmentId)
}
