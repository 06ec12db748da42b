import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { endpoints, statusForCode, type ResponseRecord } from '@courier/shared'
import type { DestinationPolicy } from '../engine/address-policy.js'
import { sendRequest } from '../engine/send-request.js'
import { concurrencyLimitError, RETRY_AFTER_SECONDS } from '../engine/send-slots.js'
import { buildFileBody } from '../engine/file-body.js'
import { authorizeRequest } from '../auth/authorize-request.js'
import { historyEntryFor } from '../history/record-exchange.js'
import { applyRetention } from '../history/retention.js'
import { searchTextFor } from '../history/search-text.js'
import { applyCaptures } from '../variables/apply-captures.js'
import { maskSecrets } from '../variables/mask-secrets.js'
import { resolveRequest } from '../variables/resolve-request.js'
import { newId } from '../ids.js'
import { parseInput } from './parse-input.js'

export type SendRoutesOptions = {
  policy: DestinationPolicy
  userAgent: string
  /** Extra trusted CA certificates (PEM) for every send. */
  extraCa?: readonly string[]
}

const INLINE_LIMIT = 256 * 1024

/**
 * 200 when the target's final answer is in the record (whole, or cut at the size limit the
 * person chose); the error's own status otherwise: a failure before any answer, a redirect loop
 * (its last 3xx is not the answer), a timeout that kept only part of the answer.
 */
function answerStatus(record: ResponseRecord): number {
  if (record.ok || !record.error) return 200
  if (record.error.code === 'RESPONSE_TOO_LARGE' && record.status !== null) return 200
  return statusForCode(record.error.code)
}

/**
 * POST /api/send: performs the request and answers its ResponseRecord. A target that answered
 * (any status) gives 200; a send that failed after starting gives the error's status with the
 * record as body; invalid input gives an ApiError and nothing is sent or stored.
 */
export default async function sendRoutes(fastify: FastifyInstance, options: SendRoutesOptions) {
  const { send } = endpoints
  // Every send holds one of the server's slots until its answer is built, a cancelled one too.
  fastify.post(send.path, async (request, reply) => {
    const limit = (await fastify.appSettings.get()).send.maxConcurrentSends
    const slot = fastify.sendSlots.tryAcquire(limit)
    if (!slot) return reply.code(429).header('retry-after', String(RETRY_AFTER_SECONDS)).send(concurrencyLimitError(limit).toJSON())
    try {
      return await sendOne(request, reply)
    } finally {
      slot.release()
    }
  })

  const sendOne = async (request: FastifyRequest, reply: FastifyReply) => {
    const input = parseInput(send.body, request.body)
    const id = newId()
    const cancel = new AbortController()
    // The browser aborting its fetch (the Cancel button) closes this response early.
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) cancel.abort()
    })

    // Variables first, then auth that needs server state (OAuth tokens); the engine does the rest.
    const resolved = await resolveRequest(fastify, input)
    const authorized = await authorizeRequest(fastify, resolved.spec, { environmentId: input.environmentId })
    const record = await sendRequest(authorized, {
      id,
      policy: options.policy,
      defaults: await fastify.appSettings.engineSettings(),
      userAgent: options.userAgent,
      openSink: () => fastify.bodies.openSink(id),
      buildFileBody: (body) => buildFileBody(body, fastify.files),
      cookieJar: await fastify.cookieJars.get(),
      onCookieJarChange: () => void fastify.cookieJars.persist(),
      signal: cancel.signal,
      inlineLimit: INLINE_LIMIT,
      extraCa: options.extraCa,
      secretValues: resolved.secrets,
    })

    record.notes.unshift(...resolved.notes)
    if (record.error?.code === 'ABORTED') {
      await fastify.bodies.remove(id)
      return reply.code(400).send(record)
    }
    try {
      await applyCaptures(fastify, input.request.captures, record, input.environmentId)
    } catch (error) {
      request.log.error({ err: error }, 'captures failed')
      record.notes.push('The response captures could not be saved.')
    }
    // Secret variables never leave in clear: not in the answer, not in history.
    const shown = maskSecrets(record, resolved.secrets)
    try {
      await fastify.store.history.append(historyEntryFor(input.request, shown), await searchTextFor(shown, fastify.bodies))
      await applyRetention(fastify)
    } catch (error) {
      request.log.error({ err: error }, 'history append failed')
      shown.notes.push('This exchange could not be saved to history.')
    }
    return reply.code(answerStatus(shown)).send(shown)
  }
}
