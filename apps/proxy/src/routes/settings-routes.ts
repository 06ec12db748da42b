import type { FastifyInstance } from 'fastify'
import { endpoints } from '@courier/shared'
import { parseInput } from './parse-input.js'

/** The app Settings page: global defaults every send starts from. */
export default async function settingsRoutes(fastify: FastifyInstance) {
  const { getSettings, putSettings } = endpoints
  fastify.get(getSettings.path, async () => fastify.appSettings.get())
  fastify.put(putSettings.path, async (request) => fastify.appSettings.put(parseInput(putSettings.body, request.body)))
}
