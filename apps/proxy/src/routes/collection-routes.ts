import type { FastifyInstance, FastifyRequest } from 'fastify'
import { endpoints, type Environment, type Variable } from '@courier/shared'
import { CourierError } from '../errors.js'
import { can } from '../team/scope.js'
import { carriesHiddenSecret, variablesToStore } from '../team/secret-visibility.js'
import { environmentView, viewingConflicts } from './environment-view.js'
import { parseInput } from './parse-input.js'

/**
 * A collection's or folder's variables as `request`'s person may store them: a hidden secret sent
 * back as its placeholder keeps its stored value (team/secret-visibility.ts).
 */
function withStoredSecrets<P extends { variables?: Variable[] }>(
  request: FastifyRequest,
  patch: P,
  stored: readonly Variable[] | undefined,
): P {
  if (!patch.variables) return patch
  return { ...patch, variables: variablesToStore(request.scope.role, stored ?? [], patch.variables) }
}

/** Collections, folders and saved requests. Every write carries a version; a stale one gets 409. */
export default async function collectionRoutes(fastify: FastifyInstance) {
  const e = endpoints
  fastify.get(e.listCollections.path, async (request) => request.scope.data.collections.list())

  fastify.post(e.createCollection.path, async (request, reply) => {
    const { name } = parseInput(e.createCollection.body, request.body)
    reply.code(201)
    return request.scope.data.collections.create(name)
  })

  fastify.patch(e.updateCollection.path, async (request) => {
    const { id } = parseInput(e.updateCollection.params, request.params)
    const patch = parseInput(e.updateCollection.body, request.body)
    const stored = patch.variables ? await request.scope.data.collections.get(id) : undefined
    return request.scope.data.collections.update(id, withStoredSecrets(request, patch, stored?.variables))
  })

  fastify.delete(e.deleteCollection.path, async (request) => {
    const { id } = parseInput(e.deleteCollection.params, request.params)
    return request.scope.data.collections.remove(id)
  })

  fastify.post(e.duplicateCollection.path, async (request, reply) => {
    const { id } = parseInput(e.duplicateCollection.params, request.params)
    reply.code(201)
    return request.scope.data.collections.duplicate(id)
  })

  fastify.post(e.restoreRemoved.path, async (request) => {
    const removed = parseInput(e.restoreRemoved.body, request.body)
    if (!removed.trashId)
      throw new CourierError(
        'INVALID_REQUEST',
        'An undo sends back what its delete answered, trash entry (trashId) included.',
        {
          field: 'trashId',
        },
      )
    // An undo by someone shown placeholders for secrets: the trash's own copy has the real values.
    if (!can.readSecrets(request.scope.role) && carriesHiddenSecret(removed))
      await request.scope.data.trash.restore(removed.trashId)
    else await request.scope.data.collections.restore(removed)
    return request.scope.data.collections.list()
  })

  fastify.post(e.createItem.path, async (request, reply) => {
    const item = await request.scope.data.collections.createItem(parseInput(e.createItem.body, request.body))
    reply.code(201)
    return item
  })

  fastify.patch(e.updateItem.path, async (request) => {
    const { id } = parseInput(e.updateItem.params, request.params)
    const patch = parseInput(e.updateItem.body, request.body)
    const stored = patch.variables ? await request.scope.data.collections.getItem(id) : undefined
    const variables = stored && 'variables' in stored ? stored.variables : undefined
    return request.scope.data.collections.updateItem(id, withStoredSecrets(request, patch, variables))
  })

  fastify.post(e.moveItem.path, async (request) => {
    const { id } = parseInput(e.moveItem.params, request.params)
    await request.scope.data.collections.moveItem(id, parseInput(e.moveItem.body, request.body))
    return request.scope.data.collections.list()
  })

  fastify.post(e.duplicateItem.path, async (request) => {
    const { id } = parseInput(e.duplicateItem.params, request.params)
    await request.scope.data.collections.duplicateItem(id)
    return request.scope.data.collections.list()
  })

  fastify.delete(e.deleteItem.path, async (request) => {
    const { id } = parseInput(e.deleteItem.params, request.params)
    return request.scope.data.collections.removeItem(id)
  })

  // Environments answer as the asking person may see them (environment-view.ts): secrets hidden below admin, their own current values.
  const view = (request: FastifyRequest) => (environment: Environment) => environmentView(fastify, request, environment)

  fastify.get(e.listEnvironments.path, async (request) =>
    Promise.all((await request.scope.data.environments.list()).map(view(request))),
  )

  fastify.post(e.createEnvironment.path, async (request, reply) => {
    const { name, variables } = parseInput(e.createEnvironment.body, request.body)
    reply.code(201)
    return view(request)(
      await request.scope.data.environments.create(name, variablesToStore(request.scope.role, [], variables)),
    )
  })

  fastify.patch(e.updateEnvironment.path, async (request) => {
    const { id } = parseInput(e.updateEnvironment.params, request.params)
    const patch = parseInput(e.updateEnvironment.body, request.body)
    const environments = request.scope.data.environments
    const stored = patch.variables ? await environments.get(id) : undefined
    if (patch.variables && !stored) throw new CourierError('NOT_FOUND', 'That environment no longer exists.')
    // A secret sent back as the placeholder its reader was shown keeps its stored value.
    const variables = patch.variables && variablesToStore(request.scope.role, stored!.variables, patch.variables)
    const saved = await viewingConflicts(fastify, request, () =>
      environments.update(id, { ...patch, ...(variables ? { variables } : {}) }),
    )
    return view(request)(saved)
  })

  fastify.delete(e.deleteEnvironment.path, async (request, reply) => {
    const { id } = parseInput(e.deleteEnvironment.params, request.params)
    if (!(await request.scope.data.environments.remove(id)))
      throw new CourierError('NOT_FOUND', 'That environment no longer exists.')
    // It was this workspace's: every member's current values of it go with it.
    await fastify.store.currentValues(request.scope.workspaceId, request.scope.actor.userId).forgetEnvironment(id)
    return reply.code(204).send()
  })

  fastify.post(e.duplicateEnvironment.path, async (request, reply) => {
    const { id } = parseInput(e.duplicateEnvironment.params, request.params)
    reply.code(201)
    return view(request)(await request.scope.data.environments.duplicate(id))
  })

  // Open tabs and drafts are the asking person's own.
  fastify.get(e.getWorkspace.path, async (request) => fastify.store.workspace.get(request.scope.actor.userId))

  fastify.put(e.putWorkspace.path, async (request, reply) => {
    await fastify.store.workspace.put(parseInput(e.putWorkspace.body, request.body), request.scope.actor.userId)
    return reply.code(204).send()
  })
}
