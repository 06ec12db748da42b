import type { Environment } from '@courier/shared'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { CourierError } from '../errors.js'
import { environmentFor } from '../team/secret-visibility.js'

/** The asking person's own current values in the request's workspace. */
export function currentValuesOf(fastify: FastifyInstance, request: FastifyRequest) {
  return fastify.store.currentValues(request.scope.workspaceId, request.scope.actor.userId)
}

/** An environment as the asking person may see it (secrets hidden below admin), with their current values. */
export async function environmentView(
  fastify: FastifyInstance,
  request: FastifyRequest,
  environment: Environment,
): Promise<Environment> {
  const current = await currentValuesOf(fastify, request).list(environment.id)
  return environmentFor(request.scope.role, environment, current)
}

/** A write's 409 carries the environment as stored: it is hidden from the asking person like any answer. */
export async function viewingConflicts<T>(
  fastify: FastifyInstance,
  request: FastifyRequest,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write()
  } catch (error) {
    const current =
      error instanceof CourierError
        ? (error.extra.details as { current?: Environment } | undefined)?.current
        : undefined
    if (error instanceof CourierError && error.code === 'STORAGE_CONFLICT' && current) {
      throw new CourierError('STORAGE_CONFLICT', error.message, {
        details: { current: await environmentView(fastify, request, current) },
      })
    }
    throw error
  }
}
