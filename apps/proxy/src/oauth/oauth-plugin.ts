import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { OAUTH_CALLBACK_PATH, RequestSpecSchema } from '@courier/shared'
import type { DestinationPolicy } from '../engine/address-policy.js'
import oauthRoutes from '../routes/oauth-routes.js'
import { resolveRequest } from '../variables/resolve-request.js'
import { OAuthService } from './oauth-service.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** OAuth 2 flows and tokens; auth/authorize-request.ts uses it on every send. */
    oauth: OAuthService
  }
}

export type OAuthPluginOptions = {
  policy: DestinationPolicy
  /** The port Courier really listens on. */
  port: () => number
  /** Courier's origins: where its pages live and where it captures OAuth callbacks. */
  origins: () => ReadonlySet<string>
  userAgent: string
  extraCa?: readonly string[]
}

/**
 * OAuth 2 for Courier: the service every send consults (decorated as `fastify.oauth`), the
 * /api/oauth routes and the /oauth/callback page. Token requests go through the send engine
 * with the same destination policy and the Settings page's limits and TLS rules.
 */
export default fp<OAuthPluginOptions>(
  async (fastify: FastifyInstance, options) => {
    const service = new OAuthService({
      store: fastify.store.oauth,
      secrets: fastify.secretBox,
      http: async () => ({ policy: options.policy, settings: await fastify.appSettings.engineSettings(), userAgent: options.userAgent, extraCa: options.extraCa }),
      defaultRedirectUri: () => `http://127.0.0.1:${options.port()}${OAUTH_CALLBACK_PATH}`,
      ownOrigins: options.origins,
      resolveConfig: async (config, environmentId) => {
        // Variables resolve exactly as in a send: a {{client_secret}} from the environment works.
        const request = RequestSpecSchema.parse({ method: 'GET', url: '', auth: { type: 'oauth2', config } })
        const { spec } = await resolveRequest(fastify, { request, environmentId: environmentId ?? undefined })
        return spec.auth.type === 'oauth2' ? spec.auth.config : config
      },
    })
    fastify.decorate('oauth', service)
    fastify.addHook('onClose', async () => service.close())
    await fastify.register(oauthRoutes, { origins: options.origins, port: options.port })
  },
  { name: 'oauth', dependencies: ['storage'] },
)
