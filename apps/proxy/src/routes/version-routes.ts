import type { FastifyInstance, FastifyRequest } from 'fastify'
import { endpoints } from '@courier/shared'
import { CourierError } from '../errors.js'
import { can } from '../team/scope.js'
import { parseInput } from './parse-input.js'

function mustSave(request: FastifyRequest) {
  if (!can.save(request.scope.role))
    throw new CourierError('FORBIDDEN', 'Viewers cannot restore or delete; ask an editor of this workspace.')
}

/** Versions of collections, items and environments; the trash. Both in the request's workspace. */
export default async function versionRoutes(fastify: FastifyInstance) {
  const e = endpoints
  fastify.get(e.listVersions.path, async (request) => {
    const { kind, id } = parseInput(e.listVersions.params, request.params)
    return request.scope.data.versions.list(kind, id)
  })

  fastify.get(e.getVersion.path, async (request) => {
    const { kind, id, version } = parseInput(e.getVersion.params, request.params)
    return request.scope.data.versions.get(kind, id, version)
  })

  fastify.post(e.restoreVersion.path, async (request) => {
    mustSave(request)
    const { kind, id, version } = parseInput(e.restoreVersion.params, request.params)
    return request.scope.data.versions.restore(kind, id, version)
  })

  fastify.get(e.listTrash.path, async (request) => request.scope.data.trash.list())

  fastify.post(e.restoreTrash.path, async (request) => {
    mustSave(request)
    const { id } = parseInput(e.restoreTrash.params, request.params)
    return request.scope.data.trash.restore(id)
  })

  fastify.delete(e.deleteTrash.path, async (request, reply) => {
    mustSave(request)
    const { id } = parseInput(e.deleteTrash.params, request.params)
    if (!(await request.scope.data.trash.remove(id)))
      throw new CourierError('NOT_FOUND', 'That is no longer in the Trash.')
    return reply.code(204).send()
  })
}
