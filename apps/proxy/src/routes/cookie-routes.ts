import type { FastifyInstance, FastifyRequest } from 'fastify'
import { endpoints } from '@courier/shared'
import { jarOf } from '../storage/cookie-jars.js'
import { parseInput } from './parse-input.js'

/** The Cookies manager: view, add, edit and delete what the asking person's own jar holds. */
export default async function cookieRoutes(fastify: FastifyInstance) {
  const { listCookies, putCookie, deleteCookie, clearCookies } = endpoints
  const mine = (request: FastifyRequest) => jarOf(request.scope.actor.userId)

  fastify.get(listCookies.path, async (request) => {
    const { url } = parseInput(listCookies.query, request.query)
    return { cookies: await fastify.cookieJars.list(mine(request), url) }
  })

  fastify.put(putCookie.path, async (request) => {
    await fastify.cookieJars.put(parseInput(putCookie.body, request.body), mine(request))
    return { cookies: await fastify.cookieJars.list(mine(request)) }
  })

  fastify.delete(deleteCookie.path, async (request) => {
    await fastify.cookieJars.remove(parseInput(deleteCookie.query, request.query), mine(request))
    return { cookies: await fastify.cookieJars.list(mine(request)) }
  })

  fastify.delete(clearCookies.path, async (request) => {
    await fastify.cookieJars.clear(mine(request))
    return { cookies: [] }
  })
}
