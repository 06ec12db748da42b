import type { FastifyInstance, FastifyRequest } from 'fastify'
import { endpoints, mockUrlOf, type Mock, type MockSource } from '@courier/shared'
import { CourierError } from '../errors.js'
import { parseInput } from '../routes/parse-input.js'
import { can } from '../team/scope.js'
import { VIEWER_CANNOT_SAVE } from '../plugins/workspace-scope.js'
import { clientIdOf } from '../team/publishing-scope.js'
import { CLIENT_HEADER } from '@courier/shared'
import { publishMockChange } from './mock-events.js'
import type { MockService } from './mock-service.js'
import { MOCK_GONE, type StoredMock } from './mock-store.js'
import { routeList, routesOfOpenApi } from './mock-routes-of.js'

export type MockRoutesOptions = { mocks: MockService }

/**
 * `/api/mocks`: the workspace's mock servers, their routes and call logs. Gated as every /api
 * route; reading is for every member, changing a mock (and clearing its log) for editors and up.
 * Every change is published as a ChangeEvent of kind 'mock'.
 */
export default async function mockRoutes(fastify: FastifyInstance, options: MockRoutesOptions) {
  const e = endpoints
  const mocksOf = (request: FastifyRequest) =>
    fastify.store.mocks.inWorkspace(request.scope.workspaceId, request.scope.actor.userId)
  const view = (mock: StoredMock): Mock => {
    const { workspaceId: _workspace, ...rest } = mock
    const origin = options.mocks.origin()
    return { ...rest, url: origin ? mockUrlOf(origin, mock.id) : '' }
  }
  const mayChange = (request: FastifyRequest) => {
    if (!can.save(request.scope.role)) throw new CourierError('FORBIDDEN', VIEWER_CANNOT_SAVE)
  }
  const published = (request: FastifyRequest, id: string, version: number | null, action: 'saved' | 'deleted') =>
    publishMockChange(fastify.services.bus, request.log, {
      workspaceId: request.scope.workspaceId,
      id,
      version,
      action,
      by: { userId: request.scope.actor.userId, name: request.scope.actor.name },
      clientId: clientIdOf(request.headers[CLIENT_HEADER]),
    })
  /** A source must be one the mock can serve: a collection of this workspace, or a readable OpenAPI document. */
  const checkSource = async (request: FastifyRequest, source: MockSource) => {
    if (source.kind === 'openapi') {
      await routesOfOpenApi(source.document)
      return
    }
    if (!(await request.scope.data.collections.get(source.collectionId)))
      throw new CourierError('NOT_FOUND', 'That collection does not exist in this workspace; choose another one.', {
        field: 'source.collectionId',
      })
  }
  const found = async (request: FastifyRequest, id: string) => {
    const mock = await mocksOf(request).get(id)
    if (!mock) throw new CourierError('NOT_FOUND', MOCK_GONE)
    return mock
  }

  fastify.get(e.listMocks.path, async (request) => (await mocksOf(request).list()).map(view))

  fastify.post(e.createMock.path, async (request, reply) => {
    mayChange(request)
    const input = parseInput(e.createMock.body, request.body)
    await checkSource(request, input.source)
    const mock = await mocksOf(request).create(input)
    await published(request, mock.id, mock.version, 'saved')
    reply.code(201)
    return view(mock)
  })

  fastify.patch(e.updateMock.path, async (request) => {
    mayChange(request)
    const { id } = parseInput(e.updateMock.params, request.params)
    const patch = parseInput(e.updateMock.body, request.body)
    // Only the fields sent change: the schema's defaults must not reset the others.
    const sent = Object.keys((request.body ?? {}) as object)
    const changes = Object.fromEntries(Object.entries(patch).filter(([key]) => sent.includes(key))) as typeof patch
    if (changes.source) await checkSource(request, changes.source)
    const mock = await mocksOf(request).update(id, { ...changes, version: patch.version })
    await published(request, mock.id, mock.version, 'saved')
    return view(mock)
  })

  fastify.delete(e.deleteMock.path, async (request, reply) => {
    mayChange(request)
    const { id } = parseInput(e.deleteMock.params, request.params)
    if (!(await mocksOf(request).remove(id))) throw new CourierError('NOT_FOUND', MOCK_GONE)
    await published(request, id, null, 'deleted')
    return reply.code(204).send()
  })

  fastify.get(e.listMockRoutes.path, async (request) => {
    const { id } = parseInput(e.listMockRoutes.params, request.params)
    const mock = await found(request, id)
    const { routes, problem } = await options.mocks.routes.routesOf(mock)
    if (problem) throw new CourierError('NOT_FOUND', problem)
    return routeList(mock, routes)
  })

  fastify.get(e.listMockCalls.path, async (request) => {
    const { id } = parseInput(e.listMockCalls.params, request.params)
    const items = await mocksOf(request).calls(id)
    if (!items) throw new CourierError('NOT_FOUND', MOCK_GONE)
    return { items }
  })

  fastify.delete(e.clearMockCalls.path, async (request, reply) => {
    mayChange(request)
    const { id } = parseInput(e.clearMockCalls.params, request.params)
    const mock = await found(request, id)
    await mocksOf(request).clearCalls(id)
    await published(request, id, mock.version, 'saved')
    return reply.code(204).send()
  })
}
