import type { FastifyInstance } from 'fastify'
import { endpoints } from '@courier/shared'
import { parseInput } from './parse-input.js'

/** The Cookies manager: view, add, edit and delete what the workspace jar holds. */
export default async function cookieRoutes(fastify: FastifyInstance) {
  const { listCookies, putCookie, deleteCookie, clearCookies } = endpoints

  fastify.get(listCookies.path, async (request) => {
    const { url } = parseInput(listCookies.query, request.query)
    return { cookies: await fastify.cookieJars.list(undefined, url) }
  })

  fastify.put(putCookie.path, async (request) => {
    await fastify.cookieJars.put(parseInput(putCookie.body, request.body))
    return { cookies: await fastify.cookieJars.list() }
  })

  fastify.delete(deleteCookie.path, async (request) => {
    await fastify.cookieJars.remove(parseInput(deleteCookie.query, request.query))
    return { cookies: await fastify.cookieJars.list() }
  })

  fastify.delete(clearCookies.path, async () => {
    await fastify.cookieJars.clear()
    return { cookies: [] }
  })
}
