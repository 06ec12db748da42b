import type { FastifyInstance } from 'fastify'
import { endpoints } from '@courier/shared'
import { CourierError } from '../errors.js'
import { parseInput } from './parse-input.js'

export default async function historyRoutes(fastify: FastifyInstance) {
  const { listHistory, getHistory, deleteHistory, clearHistory } = endpoints

  fastify.get(listHistory.path, async (request) => {
    return request.scope.history.list(parseInput(listHistory.query, request.query))
  })

  fastify.get(getHistory.path, async (request) => {
    const { id } = parseInput(getHistory.params, request.params)
    const entry = await request.scope.history.get(id)
    if (!entry) throw new CourierError('NOT_FOUND', 'That history entry no longer exists.')
    return entry
  })

  fastify.delete(deleteHistory.path, async (request, reply) => {
    const { id } = parseInput(deleteHistory.params, request.params)
    const removed = await request.scope.history.remove(id)
    if (!removed) throw new CourierError('NOT_FOUND', 'That history entry no longer exists.')
    await fastify.bodies.remove(id)
    return reply.code(204).send()
  })

  fastify.delete(clearHistory.path, async (request, reply) => {
    // Only these entries' bodies: in team mode the others' history keeps theirs.
    await fastify.bodies.removeMany(await request.scope.history.clear())
    return reply.code(204).send()
  })
}
