import type { FastifyInstance } from 'fastify'
import { endpoints } from '@courier/shared'
import { CourierError } from '../errors.js'
import { codeForRequest } from '../import-export/code-for-request.js'
import { commitImport } from '../import-export/commit-import.js'
import { converters } from '../import-export/converters.js'
import { fetchImportUrl } from '../import-export/fetch-import-url.js'
import { brunoZip } from '../import-export/bruno-zip.js'
import { urlRefSource } from '../import-export/import-url-refs.js'
import { historyForExport, textBodies } from '../import-export/history-for-export.js'
import { serverFetchContext } from '../send/outbound.js'
import { can } from '../team/scope.js'
import { parseInput } from './parse-input.js'

export type ImportExportRoutesOptions = { version: string }

/** JSON bodies here carry whole files (up to 20 MB of text, more once escaped). */
const FILE_BODY_LIMIT = 48 * 1024 * 1024

type Converters = Awaited<ReturnType<typeof converters>>

/** A converter's refusal becomes the coded error with its sentence. */
async function converting<T>(work: (convert: Converters) => Promise<T> | T): Promise<T> {
  const convert = await converters()
  try {
    return await work(convert)
  } catch (error) {
    if (error instanceof convert.ConvertError) throw new CourierError(error.code, error.message)
    throw error
  }
}

/**
 * Import (preview, then commit), exports of collections, the workspace and history, copy as
 * code, and cURL parsing for the URL field's paste. Converters are pure (@courier/shared/convert);
 * this file reads and writes the store and fetches import URLs through the engine.
 */
export default async function importExportRoutes(fastify: FastifyInstance, options: ImportExportRoutesOptions) {
  const e = endpoints

  fastify.post(e.previewImport.path, { bodyLimit: FILE_BODY_LIMIT }, async (request) => {
    const { source } = parseInput(e.previewImport.body, request.body)
    if (source.kind === 'files') return converting(({ importFiles }) => importFiles(source.files))
    if (source.kind === 'zip')
      return converting(({ importFiles, unzipImportFiles }) => {
        const { files, skipped } = unzipImportFiles(Buffer.from(source.base64, 'base64'))
        return importFiles(files, { skipped })
      })
    if (source.kind === 'url') {
      const context = await serverFetchContext(fastify.services.outbound, fastify.appSettings)
      const { text, name, url } = await fetchImportUrl(source.url, context)
      // The spec's relative $refs are fetched the same way, each one checked by the destination policy.
      return converting(({ importText }) => importText(text, { name, refs: urlRefSource(url, context) }))
    }
    const { text, name } = source
    return converting(({ importText }) => importText(text, name ? { name } : {}))
  })

  fastify.post(e.commitImport.path, { bodyLimit: FILE_BODY_LIMIT }, async (request, reply) => {
    const { result } = parseInput(e.commitImport.body, request.body)
    const items = result.collections.reduce((n, c) => n + c.items.length, 0)
    if (items > 10_000)
      throw new CourierError('IMPORT_TOO_LARGE', 'An import may hold at most 10 000 requests and folders.')
    reply.code(201)
    return commitImport(request.scope.data, result)
  })

  fastify.post(e.exportCollection.path, async (request) => {
    const input = parseInput(e.exportCollection.body, request.body)
    const tree = await request.scope.data.collections.get(input.collectionId)
    if (!tree) throw new CourierError('NOT_FOUND', 'That collection no longer exists.', { field: 'collectionId' })
    if (input.folderId && !tree.items.some((item) => item.id === input.folderId && item.kind === 'folder')) {
      throw new CourierError('NOT_FOUND', 'That folder is no longer in this collection.', { field: 'folderId' })
    }
    const { exportBruno, exportInsomniaV5, exportOpenApi, exportPostman } = await converters()
    const includeSecrets = input.includeSecrets && can.readSecrets(request.scope.role)
    if (input.format === 'postman')
      return exportPostman(tree, { includeSecrets, ...(input.folderId ? { folderId: input.folderId } : {}) })
    const scoped = input.folderId ? { ...tree, items: subtree(tree.items, input.folderId) } : tree
    if (input.format === 'bruno' || input.format === 'insomnia-v5') {
      const environments = await request.scope.data.environments.list()
      if (input.format === 'insomnia-v5') return exportInsomniaV5(scoped, { includeSecrets, environments })
      const { files, notes } = exportBruno(scoped, { includeSecrets, environments })
      return brunoZip(tree.name, files, notes)
    }
    return exportOpenApi(scoped)
  })

  fastify.post(e.exportWorkspace.path, async (request) => {
    const input = parseInput(e.exportWorkspace.body, request.body)
    const { exportWorkspace } = await converters()
    return exportWorkspace(await request.scope.data.collections.list(), await request.scope.data.environments.list(), {
      // Only owners and admins read secret values, so only their exports may carry them.
      includeSecrets: input.includeSecrets && can.readSecrets(request.scope.role),
      version: options.version,
    })
  })

  fastify.post(e.exportHistory.path, async (request) => {
    const input = parseInput(e.exportHistory.body, request.body)
    const entries = await historyForExport(request.scope.history, input)
    const { exportHar, exportHistoryCsv, exportHistoryJson } = await converters()
    if (input.format === 'csv') return exportHistoryCsv(entries)
    if (input.format === 'json') return exportHistoryJson(entries, options.version)
    return exportHar(entries, { version: options.version, bodies: await textBodies(fastify.bodies, entries) })
  })

  fastify.post(e.generateCode.path, async (request) => {
    const input = parseInput(e.generateCode.body, request.body)
    const { scope } = request
    // The request's own workspace and the person's current values, as a send would resolve them;
    // secrets revealed only to those who may read them.
    return codeForRequest(
      scope.data,
      { ...input, revealSecrets: input.revealSecrets && can.readSecrets(scope.role) },
      fastify.store.currentValues(scope.workspaceId, scope.actor.userId),
    )
  })

  fastify.post(e.parseCurl.path, async (request) => {
    const { command } = parseInput(e.parseCurl.body, request.body)
    const { spec, problems } = await converting(({ parseCurl }) => parseCurl(command))
    return { request: spec, problems }
  })
}

/** A folder and everything below it (for a folder's OpenAPI export). */
function subtree<T extends { id: string; parentId: string | null }>(items: readonly T[], rootId: string): T[] {
  const keep = new Set([rootId])
  let grew = true
  while (grew) {
    grew = false
    for (const item of items) {
      if (item.parentId && keep.has(item.parentId) && !keep.has(item.id)) {
        keep.add(item.id)
        grew = true
      }
    }
  }
  return items
    .filter((item) => keep.has(item.id) && item.id !== rootId)
    .map((item) => (item.parentId === rootId ? { ...item, parentId: null } : item))
}
