import type { FastifyInstance } from 'fastify'
import { endpoints } from '@courier/shared'
import { scriptedSend } from '../scripting/scripted-send.js'
import { parseInput } from './parse-input.js'

/**
 * POST /api/send: performs the request with its scripts and answers its ResponseRecord. A target that answered
 * (any status) gives 200; a send that failed after starting gives the error's status with the
 * record as body; invalid input gives an ApiError and nothing is sent or stored.
 */
export default async function sendRoutes(fastify: FastifyInstance) {
  const { send } = endpoints
  fastify.post(send.path, async (request, reply) => {
    const input = parseInput(send.body, request.body)
    const cancel = new AbortController()
    // The browser aborting its fetch (the Cancel button) closes this response early.
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) cancel.abort()
    })
    const { record, httpStatus } = await scriptedSend(
      input,
      { ...fastify.services, log: request.log },
      { signal: cancel.signal, scope: request.scope },
    )
    return reply.code(httpStatus).send(record)
  })
}
