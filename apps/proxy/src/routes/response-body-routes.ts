import type { FastifyInstance } from 'fastify'
import { IdParamsSchema, sanitizeFilename } from '@courier/shared'
import parseRange from 'range-parser'
import { z } from 'zod'
import { CourierError } from '../errors.js'
import { ID_PATTERN } from '../ids.js'
import { parseInput } from './parse-input.js'

const QuerySchema = z.object({ download: z.enum(['0', '1']).optional() })

/**
 * GET /api/responses/:id/body: the body byte-exact with its own content type, so `<img src>`,
 * previews and downloads use it directly. It is served sandboxed: an HTML or SVG body opened
 * from here cannot run script in Courier's origin (docs/security.md#who-may-drive-courier).
 */
export default async function responseBodyRoutes(fastify: FastifyInstance) {
  fastify.get('/api/responses/:id/body', async (request, reply) => {
    const { id } = parseInput(IdParamsSchema, request.params)
    const { download } = parseInput(QuerySchema, request.query)
    if (!ID_PATTERN.test(id)) throw new CourierError('NOT_FOUND', 'That response body no longer exists.')
    const entry = await request.scope.history.get(id)
    if (!entry) throw new CourierError('NOT_FOUND', 'That response body no longer exists.')

    // One byte range (media and PDF previews seek with them); several, or a malformed header, get the whole body.
    // Without a Range header (most reads) the body is opened once and its size comes with it; a small body
    // kept in its history row is then read and decrypted once, not once for the size and again to send.
    const header = request.headers.range
    const size = header ? await fastify.bodies.size(id) : undefined
    if (header && size === undefined) throw new CourierError('NOT_FOUND', 'That response body no longer exists.')
    const ranges = header && size! > 0 ? parseRange(size!, header, { combine: true }) : undefined
    if (ranges === -1 || (header && size === 0)) {
      return reply.code(416).header('content-range', `bytes */${size}`).header('accept-ranges', 'bytes').send()
    }
    const range = Array.isArray(ranges) && ranges.type === 'bytes' && ranges.length === 1 ? ranges[0]! : undefined
    // Opening checks the seal before the reply starts: a damaged file answers STORAGE_CORRUPT.
    const opened = await fastify.bodies.open(id, range)
    if (!opened) throw new CourierError('NOT_FOUND', 'That response body no longer exists.')

    const body = entry.response.body
    const filename = sanitizeFilename(body?.filename ?? 'response.bin')
    if (range) reply.code(206).header('content-range', `bytes ${range.start}-${range.end}/${opened.size}`)
    reply
      .header('content-type', body?.contentType || 'application/octet-stream')
      .header('content-length', String(range ? range.end - range.start + 1 : opened.size))
      .header('accept-ranges', 'bytes')
      .header(
        'content-security-policy',
        "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; media-src 'self'",
      )
      .header('cache-control', 'private, max-age=31536000, immutable')
      .header(
        'content-disposition',
        `${download === '1' ? 'attachment' : 'inline'}; filename="${filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      )
    return reply.send(opened.stream)
  })
}
