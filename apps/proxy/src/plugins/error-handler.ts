import type { FastifyError, FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { CourierError } from '../errors.js'

function fromFastifyError(error: FastifyError): CourierError | null {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new CourierError(
        'REQUEST_BODY_TOO_LARGE',
        'The request to Courier is larger than 10 MiB; attach large files as uploads instead.',
      )
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new CourierError('UNSUPPORTED_MEDIA_TYPE')
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new CourierError('INVALID_REQUEST', 'The request body is empty; Courier expected JSON.')
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new CourierError('INVALID_REQUEST', 'The Content-Length does not match the body.')
  }
  if (error.statusCode === 400 && (error instanceof SyntaxError || /JSON|prototype|constructor/i.test(error.message))) {
    return new CourierError('INVALID_REQUEST', `The request body is not valid JSON: ${error.message}`)
  }
  return null
}

/** One wire shape for every failure: coded errors as they are, anything else logged and masked. */
export default fp(
  async (fastify: FastifyInstance) => {
    fastify.setErrorHandler((error: FastifyError | CourierError, request, reply) => {
      const known = error instanceof CourierError ? error : fromFastifyError(error)
      if (known) {
        if (known.extra.retryAfterSeconds !== undefined)
          reply.header('retry-after', String(known.extra.retryAfterSeconds))
        return reply.code(known.statusCode).send(known.toJSON())
      }
      // A write refused because the background check found the data file damaged (storage/integrity-check.ts).
      const integrity = fastify.hasDecorator('store') ? fastify.store.integrity.status() : undefined
      if (integrity?.state === 'damaged' && (error as { code?: unknown }).code === 'SQLITE_READONLY')
        return reply.code(500).send(new CourierError('STORAGE_CORRUPT', integrity.message).toJSON())
      request.log.error({ err: error }, 'unhandled error')
      const internal = new CourierError('INTERNAL')
      return reply.code(500).send(internal.toJSON())
    })
  },
  { name: 'error-handler' },
)
