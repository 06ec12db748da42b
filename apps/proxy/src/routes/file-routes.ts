import multipart from '@fastify/multipart'
import type { FastifyInstance } from 'fastify'
import { FILES_PATH, sanitizeFilename, type FileRef } from '@courier/shared'
import { CourierError } from '../errors.js'

export type FileRoutesOptions = { maxUploadBytes: number }

/**
 * POST /api/files: one file as multipart/form-data, streamed to disk (flat memory whatever its
 * size), answered with the FileRef bodies refer to. Limits: docs/security.md#what-a-send-carries.
 */
export default async function fileRoutes(fastify: FastifyInstance, options: FileRoutesOptions) {
  await fastify.register(multipart, {
    limits: { fileSize: options.maxUploadBytes, files: 1, fields: 4, parts: 5, headerPairs: 50, fieldSize: 1024 },
    throwFileSizeLimit: false,
  })

  fastify.post(FILES_PATH, async (request, reply): Promise<FileRef> => {
    let part
    try {
      part = await request.file()
    } catch (cause) {
      throw new CourierError('MULTIPART_INVALID', 'The upload is not valid multipart/form-data.', { cause })
    }
    if (!part) throw new CourierError('MULTIPART_INVALID', 'The upload carried no file.')
    let saved
    try {
      saved = await fastify.files.save(part.file)
    } catch (cause) {
      throw new CourierError('MULTIPART_INVALID', 'The upload was cut off or malformed; nothing was kept.', { cause })
    }
    if (part.file.truncated) {
      await fastify.files.remove(saved.fileId)
      throw new CourierError(
        'MULTIPART_LIMIT',
        `The file is larger than the ${Math.round(options.maxUploadBytes / 1024 / 1024)} MB upload limit.`,
      )
    }
    reply.code(201)
    return {
      fileId: saved.fileId,
      filename: sanitizeFilename(part.filename || 'upload.bin'),
      contentType: part.mimetype || 'application/octet-stream',
      size: saved.size,
    }
  })
}
