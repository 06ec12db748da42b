import type { FastifyInstance } from 'fastify'
import { endpoints, type RunInput, type RunList, type RunReport, type RunSummary } from '@courier/shared'
import { CourierError } from '../errors.js'
import type { SendServices } from '../send/perform-send.js'
import type { Services } from '../services.js'
import type { Scope } from '../team/scope.js'
import { parseInput } from './parse-input.js'

/** The server's kept runs (the runner's KeptRuns, passed in: routes do not import the runner). */
export interface RunService {
  /** NOT_FOUND with a sentence for an unknown collection, folder or environment; `done` settles at its end. */
  start(
    services: SendServices,
    input: RunInput,
    scope: Scope,
  ): Promise<{ summary: RunSummary; done: Promise<RunReport> }>
  stop(scope: Scope, id: string): Promise<RunReport>
  remove(scope: Scope, id: string): Promise<void>
}

export type RunRoutesOptions = { runs: RunService }

const NOT_FOUND = 'That run does not exist (it was deleted, or is not one of yours in this workspace).'

/**
 * Collection runs kept by the server, each the caller's own in the workspace they work in:
 * `POST /api/runs` runs and answers at the end (the remote `courier run --server`),
 * `POST /api/runs/start` answers at once while the run goes on here; list, poll, stop, delete.
 * Any member may run (a run sends; what it sets stays in the run unless it keeps its variables,
 * and then it writes where the member's own sends write).
 */
export default async function runRoutes(fastify: FastifyInstance, options: RunRoutesOptions) {
  const { runCollection, startRun, listRuns, getRun, stopRun, deleteRun } = endpoints
  const servicesFor = (log: SendServices['log']): SendServices => ({ ...(fastify.services as Services), log })

  fastify.post(runCollection.path, async (request): Promise<RunReport> => {
    const input = parseInput(runCollection.body, request.body)
    const { done } = await options.runs.start(servicesFor(request.log), input, request.scope)
    return done
  })

  fastify.post(startRun.path, async (request): Promise<RunSummary> => {
    const input = parseInput(startRun.body, request.body)
    return (await options.runs.start(servicesFor(request.log), input, request.scope)).summary
  })

  fastify.get(listRuns.path, async (request): Promise<RunList> => ({ runs: await request.scope.runs.list() }))

  fastify.get(getRun.path, async (request): Promise<RunReport> => {
    const { id } = parseInput(getRun.params, request.params)
    const run = await request.scope.runs.get(id)
    if (!run) throw new CourierError('NOT_FOUND', NOT_FOUND)
    return run
  })

  fastify.post(stopRun.path, async (request): Promise<RunReport> => {
    const { id } = parseInput(stopRun.params, request.params)
    parseInput(stopRun.body, request.body ?? {})
    return options.runs.stop(request.scope, id)
  })

  fastify.delete(deleteRun.path, async (request, reply) => {
    const { id } = parseInput(deleteRun.params, request.params)
    await options.runs.remove(request.scope, id)
    return reply.code(204).send()
  })
}
