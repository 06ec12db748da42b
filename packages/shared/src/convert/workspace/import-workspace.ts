import { InheritableSchema } from '../../collection.js'
import type { CollectionTree } from '../../collection.js'
import { VariablesSchema } from '../../variables.js'
import type { ImportBuilder } from '../import-builder.js'
import { ConvertError } from '../import-result.js'
import { isRecord, str } from '../parse-document.js'
import { WORKSPACE_FORMAT } from './export-workspace.js'

export function isWorkspaceExport(docs: unknown[]): boolean {
  return isRecord(docs[0]) && docs[0].format === WORKSPACE_FORMAT
}

/** Courier's own workspace export, back into collections and environments (lossless). */
export function importWorkspace(docs: unknown[], builder: ImportBuilder): void {
  const trees = new Map<string, CollectionTree>()
  const ids = new Map<string, string>()
  const pending = docs.slice(1).filter(isRecord)
  for (const doc of pending) {
    const where = str(doc.name, 'workspace')
    if (doc.kind === 'collection') {
      const data = InheritableSchema.safeParse(doc)
      if (!data.success)
        throw new ConvertError(
          'IMPORT_INVALID',
          `Collection “${where}” is not valid: ${data.error.issues[0]?.path.join('.')} ${data.error.issues[0]?.message}.`,
        )
      trees.set(str(doc.id), builder.collection(doc.name, data.data))
    } else if (doc.kind === 'folder' || doc.kind === 'request') {
      const tree = trees.get(str(doc.collection))
      if (!tree) {
        builder.skip(where, doc.kind, 'Its collection is not in the file.')
        continue
      }
      const parent = doc.parent === null || doc.parent === undefined ? null : (ids.get(str(doc.parent)) ?? null)
      if (doc.parent && parent === null)
        builder.skip(
          where,
          doc.kind,
          'Its folder is not in the file (or comes after it); it was put at the top of the collection.',
        )
      if (doc.kind === 'folder') {
        const data = InheritableSchema.safeParse(doc)
        ids.set(str(doc.id), builder.folder(tree, parent, { name: doc.name, ...(data.success ? data.data : {}) }))
      } else {
        const id = builder.request(tree, parent, doc.name, withoutFiles(doc.request, where, builder) as never, where)
        if (id) ids.set(str(doc.id), id)
      }
    } else if (doc.kind === 'environment') {
      const variables = VariablesSchema.safeParse(doc.variables)
      if (!variables.success) builder.skip(where, 'environment', 'Its variables are not valid.')
      else builder.environment(doc.name, variables.data, doc.id === 'globals')
    } else
      builder.skip('workspace', `document of kind “${str(doc.kind)}”`, 'Courier does not know this kind of document.')
  }
}

/**
 * Uploaded files stay on the machine that uploaded them: a file reference in an export is
 * cleared (choose the file again), never followed to something on this server.
 */
function withoutFiles(request: unknown, where: string, builder: ImportBuilder): unknown {
  if (!isRecord(request) || !isRecord(request.body)) return request
  const body = request.body
  if (body.kind === 'binary' && body.file) {
    builder.skip(where, 'binary file body', 'Files do not travel in an export; choose the file again in the Body tab.')
    return { ...request, body: { ...body, file: null } }
  }
  if (body.kind === 'multipart' && Array.isArray(body.parts)) {
    const parts = body.parts.map((part: unknown) => {
      if (!isRecord(part) || part.kind !== 'file' || !part.file) return part
      builder.skip(
        where,
        `file part “${str(part.name)}”`,
        'Files do not travel in an export; choose the file again in the Body tab.',
      )
      return { ...part, file: null }
    })
    return { ...request, body: { ...body, parts } }
  }
  return request
}
