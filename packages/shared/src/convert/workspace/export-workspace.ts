import { stringify } from 'yaml'
import type { CollectionItem, CollectionTree } from '../../collection.js'
import type { Environment } from '../../environment.js'
import type { ExportFile } from '../export-file.js'
import { maskAuth, maskHeaders, maskSpec, maskVariables, SecretTally } from '../mask-secrets.js'

export const WORKSPACE_FORMAT = 'courier-workspace/1'

/** Keys sorted at every level, so the same data always gives the same text (diff-friendly). */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted)
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
    )
  return value
}

function documentOf(data: Record<string, unknown>): string {
  // Long strings stay on their own lines (block scalars) so a body edit is a small diff.
  return stringify(sorted(data), { lineWidth: 0, blockQuote: 'literal', aliasDuplicateObjects: false })
}

/**
 * A whole workspace as one multi-document YAML text: a header, then one document per
 * collection, folder, request and environment, in tree order, keys sorted. Ids are kept so
 * parents are unambiguous; import gives fresh ones. Secret values are left out unless asked.
 */
export function exportWorkspace(
  collections: readonly CollectionTree[],
  environments: readonly Environment[],
  options: { includeSecrets?: boolean; version: string },
): ExportFile {
  const tally = new SecretTally()
  const keep = options.includeSecrets === true
  const docs: string[] = [
    documentOf({ format: WORKSPACE_FORMAT, courier: options.version, secrets: keep ? 'included' : 'left out' }),
  ]
  for (const tree of collections) {
    docs.push(
      documentOf({
        kind: 'collection',
        id: tree.id,
        name: tree.name,
        description: tree.description,
        ...levelSecrets(tree, keep, tally),
      }),
    )
    for (const item of tree.items) docs.push(documentOf(itemDocument(item, keep, tally)))
  }
  for (const env of environments)
    docs.push(
      documentOf({
        kind: 'environment',
        id: env.id,
        name: env.name,
        variables: keep ? env.variables : maskVariables(env.variables, tally),
      }),
    )
  return {
    filename: 'courier-workspace.yaml',
    mediaType: 'application/yaml',
    text: docs.map((d) => `---\n${d}`).join(''),
    notes: tally.note(),
  }
}

function itemDocument(item: CollectionItem, keep: boolean, tally: SecretTally): Record<string, unknown> {
  const common = {
    id: item.id,
    collection: item.collectionId,
    parent: item.parentId,
    name: item.name,
    position: item.position,
  }
  if (item.kind === 'folder') {
    return { kind: 'folder', ...common, description: item.description, ...levelSecrets(item, keep, tally) }
  }
  return { kind: 'request', ...common, request: keep ? item.request : maskSpec(item.request, tally) }
}

/** A collection's or folder's auth, headers and variables: what requests inherit, masked like theirs. */
function levelSecrets(
  level: Pick<CollectionTree, 'auth' | 'headers' | 'variables'>,
  keep: boolean,
  tally: SecretTally,
) {
  if (keep) return { auth: level.auth, headers: level.headers, variables: level.variables }
  return {
    auth: maskAuth(level.auth, tally),
    headers: maskHeaders(level.headers, tally),
    variables: maskVariables(level.variables, tally),
  }
}
