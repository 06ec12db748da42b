import type { FastifyInstance } from 'fastify'
import { endpoints } from '@courier/shared'
import { CourierError } from '../errors.js'
import { parseInput } from './parse-input.js'

/** Collections, folders and saved requests. Every write carries a version; a stale one gets 409. */
export default async function collectionRoutes(fastify: FastifyInstance) {
  const e = endpoints
  const collections = () => fastify.store.collections

  fastify.get(e.listCollections.path, async () => collections().list())

  fastify.post(e.createCollection.path, async (request, reply) => {
    const { name } = parseInput(e.createCollection.body, request.body)
    reply.code(201)
    return collections().create(name)
  })

  fastify.patch(e.updateCollection.path, async (request) => {
    const { id } = parseInput(e.updateCollection.params, request.params)
    return collections().update(id, parseInput(e.updateCollection.body, request.body))
  })

  fastify.delete(e.deleteCollection.path, async (request) => {
    const { id } = parseInput(e.deleteCollection.params, request.params)
    return collections().remove(id)
  })

  fastify.post(e.duplicateCollection.path, async (request, reply) => {
    const { id } = parseInput(e.duplicateCollection.params, request.params)
    reply.code(201)
    return collections().duplicate(id)
  })

  fastify.post(e.restoreRemoved.path, async (request) => {
    await collections().restore(parseInput(e.restoreRemoved.body, request.body))
    return collections().list()
  })

  fastify.post(e.createItem.path, async (request, reply) => {
    const item = await collections().createItem(parseInput(e.createItem.body, request.body))
    reply.code(201)
    return item
  })

  fastify.patch(e.updateItem.path, async (request) => {
    const { id } = parseInput(e.updateItem.params, request.params)
    return collections().updateItem(id, parseInput(e.updateItem.body, request.body))
  })

  fastify.post(e.moveItem.path, async (request) => {
    const { id } = parseInput(e.moveItem.params, request.params)
    await collections().moveItem(id, parseInput(e.moveItem.body, request.body))
    return collections().list()
  })

  fastify.post(e.duplicateItem.path, async (request) => {
    const { id } = parseInput(e.duplicateItem.params, request.params)
    await collections().duplicateItem(id)
    return collections().list()
  })

  fastify.delete(e.deleteItem.path, async (request) => {
    const { id } = parseInput(e.deleteItem.params, request.params)
    return collections().removeItem(id)
  })

  fastify.get(e.listEnvironments.path, async () => fastify.store.environments.list())

  fastify.post(e.createEnvironment.path, async (request, reply) => {
    const { name, variables } = parseInput(e.createEnvironment.body, request.body)
    reply.code(201)
    return fastify.store.environments.create(name, variables)
  })

  fastify.patch(e.updateEnvironment.path, async (request) => {
    const { id } = parseInput(e.updateEnvironment.params, request.params)
    return fastify.store.environments.update(id, parseInput(e.updateEnvironment.body, request.body))
  })

  fastify.delete(e.deleteEnvironment.path, async (request, reply) => {
    const { id } = parseInput(e.deleteEnvironment.params, request.params)
    if (!(await fastify.store.environments.remove(id)))
      throw new CourierError('NOT_FOUND', 'That environment no longer exists.')
    return reply.code(204).send()
  })

  fastify.post(e.duplicateEnvironment.path, async (request, reply) => {
    const { id } = parseInput(e.duplicateEnvironment.params, request.params)
    reply.code(201)
    return fastify.store.environments.duplicate(id)
  })

  fastify.get(e.getWorkspace.path, async () => fastify.store.workspace.get())

  fastify.put(e.putWorkspace.path, async (request, reply) => {
    await fastify.store.workspace.put(parseInput(e.putWorkspace.body, request.body))
    return reply.code(204).send()
  })
}
