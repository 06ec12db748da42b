import type { FastifyInstance } from 'fastify'
import { endpoints } from '@courier/shared'
import { CourierError } from '../errors.js'
import { currentValuesOf, environmentView } from './environment-view.js'
import { parseInput } from './parse-input.js'

/**
 * The asking person's own current values (Postman's "current value"): theirs alone, so any
 * member may set them, viewers too, and no version is needed. Answers the environment as they see it.
 */
export default async function currentValueRoutes(fastify: FastifyInstance) {
  const { setCurrentValue } = endpoints

  // A current value is the person's own, not a shared item: viewers may set theirs.
  fastify.put(setCurrentValue.path, { config: { personal: true } }, async (request) => {
    const { id } = parseInput(setCurrentValue.params, request.params)
    const { name, value } = parseInput(setCurrentValue.body, request.body)
    const environment = await request.scope.data.environments.get(id)
    if (!environment) throw new CourierError('NOT_FOUND', 'That environment no longer exists.')
    const mine = currentValuesOf(fastify, request)
    if (value === null) await mine.clear(id, name)
    else await mine.set(id, name, value)
    return environmentView(fastify, request, environment)
  })
}
