import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import {
  OAUTH_CALLBACK_PATH,
  OAUTH_STATE_TTL_MS,
  PairSchema,
  endpoints,
  statusForCode,
  type OAuthFlowView,
} from '@courier/shared'
import { CourierError } from '../errors.js'
import { CALLBACK_CSP, callbackPage, type CallbackOutcome } from '../oauth/callback-page.js'
import { readCookie } from '../plugins/security-gate.js'
import { parseInput } from './parse-input.js'

export type OAuthRoutesOptions = { origins: () => ReadonlySet<string>; port: () => number }

const FragmentSchema = z.object({ params: z.array(PairSchema).max(100) })

/** One cookie per flow, so two flows in two tabs never share a binding. */
function bindingCookie(port: number, flowId: string): string {
  return `courier_oauth_${port}_${flowId.replace(/-/g, '')}`
}

function answerFlow(reply: FastifyReply, view: OAuthFlowView) {
  return reply.code(view.error ? statusForCode(view.error.code) : 200).send(view)
}

/** The callback page's headers: never cached, never framed, no referrer (docs/security.md#oauth). */
function callbackHeaders(reply: FastifyReply) {
  return reply
    .header('cache-control', 'no-store')
    .header('pragma', 'no-cache')
    .header('referrer-policy', 'no-referrer')
    .header('content-security-policy', CALLBACK_CSP)
    .header('cross-origin-opener-policy', 'unsafe-none')
    .type('text/html; charset=utf-8')
}

/**
 * /api/oauth/*: discovery, flows (start, watch, paste the redirect, cancel) and the stored token.
 * /oauth/callback: where the provider sends the browser back. It is outside /api (the provider's
 * redirect cannot carry Courier's secret), so it protects itself: the state must be one Courier
 * issued to this browser (a per-flow HttpOnly cookie), unused and younger than 10 minutes.
 */
export default async function oauthRoutes(fastify: FastifyInstance, options: OAuthRoutesOptions) {
  const {
    discoverOAuth,
    startOAuthFlow,
    getOAuthFlow,
    finishOAuthFlow,
    cancelOAuthFlow,
    getOAuthToken,
    deleteOAuthToken,
  } = endpoints

  // Flows and tokens are the asking person's own (team mode), in the request's workspace.
  const caller = (request: FastifyRequest) => ({
    userId: request.scope.actor.userId,
    workspaceId: request.scope.workspaceId,
  })

  fastify.post(discoverOAuth.path, async (request) => {
    const input = parseInput(discoverOAuth.body, request.body)
    return fastify.oauth.discover(input.issuer, input.environmentId, caller(request))
  })

  fastify.post(startOAuthFlow.path, async (request, reply) => {
    const input = parseInput(startOAuthFlow.body, request.body)
    const { view, binding } = await fastify.oauth.start(input, caller(request))
    if (binding) {
      // Lax: the provider's redirect is a top-level navigation from another site.
      reply.header(
        'set-cookie',
        `${bindingCookie(options.port(), view.id)}=${binding}; Path=${OAUTH_CALLBACK_PATH}; Max-Age=${OAUTH_STATE_TTL_MS / 1000}; HttpOnly; SameSite=Lax`,
      )
    }
    return answerFlow(reply, view)
  })

  fastify.get(getOAuthFlow.path, async (request) => {
    const { id } = parseInput(getOAuthFlow.params, request.params)
    return fastify.oauth.get(id, caller(request))
  })

  fastify.post(finishOAuthFlow.path, async (request, reply) => {
    const { id } = parseInput(finishOAuthFlow.params, request.params)
    const { url } = parseInput(finishOAuthFlow.body, request.body)
    return answerFlow(reply, await fastify.oauth.finishPasted(id, url, caller(request)))
  })

  fastify.delete(cancelOAuthFlow.path, async (request) => {
    const { id } = parseInput(cancelOAuthFlow.params, request.params)
    return fastify.oauth.cancel(id, caller(request))
  })

  fastify.get(getOAuthToken.path, async (request) => {
    const query = parseInput(getOAuthToken.query, request.query)
    return fastify.oauth.token(query.environmentId, query.tokenKey, caller(request))
  })

  fastify.delete(deleteOAuthToken.path, async (request, reply) => {
    const query = parseInput(deleteOAuthToken.query, request.query)
    await fastify.oauth.forget(query.environmentId, query.tokenKey, caller(request))
    return reply.code(204).send()
  })

  const cookieReader = (header: string | undefined) => ({
    kind: 'cookie' as const,
    valueFor: (flowId: string) => readCookie(header, bindingCookie(options.port(), flowId)),
  })
  const clearCookie = (reply: FastifyReply, flowId: string | null) => {
    if (flowId)
      reply.header(
        'set-cookie',
        `${bindingCookie(options.port(), flowId)}=; Path=${OAUTH_CALLBACK_PATH}; Max-Age=0; HttpOnly; SameSite=Lax`,
      )
  }

  fastify.get(OAUTH_CALLBACK_PATH, async (request, reply) => {
    callbackHeaders(reply)
    const raw = request.raw.url ?? ''
    const query = raw.includes('?') ? raw.slice(raw.indexOf('?') + 1) : ''
    const pairs = [...new URLSearchParams(query)]
    // Nothing in the query: the answer may be in the fragment (implicit grant), which only the page can read.
    if (pairs.length === 0) return reply.send(callbackPage({ mode: 'fragment' }))
    const { view, error } = await fastify.oauth.finish(pairs, cookieReader(request.headers.cookie), 'query')
    clearCookie(reply, view?.id ?? null)
    const outcome: CallbackOutcome = error
      ? {
          mode: 'error',
          flowId: view?.id ?? null,
          title: 'Sign-in not finished',
          message: error.message,
          code: error.code,
        }
      : {
          mode: 'done',
          flowId: view!.id,
          title: 'Signed in',
          message: 'Courier received the token; the Auth tab shows it.',
        }
    return reply.code(error ? error.statusCode : 200).send(callbackPage(outcome))
  })

  // The callback page hands over an implicit grant's fragment; only Courier's own page may.
  fastify.post(OAUTH_CALLBACK_PATH, async (request, reply) => {
    reply.header('cache-control', 'no-store')
    const origin = request.headers.origin
    if (origin === undefined || !options.origins().has(origin)) throw new CourierError('ORIGIN_NOT_ALLOWED')
    const { params } = parseInput(FragmentSchema, request.body)
    const { view, error } = await fastify.oauth.finish(params, cookieReader(request.headers.cookie), 'fragment')
    clearCookie(reply, view?.id ?? null)
    return reply.code(error ? error.statusCode : 200).send(
      error
        ? {
            ok: false,
            flowId: view?.id ?? null,
            title: 'Sign-in not finished',
            message: error.message,
            code: error.code,
          }
        : {
            ok: true,
            flowId: view!.id,
            title: 'Signed in',
            message: 'Courier received the token; the Auth tab shows it.',
            code: '',
          },
    )
  })
}
