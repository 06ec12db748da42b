import type { z } from 'zod'
import type { CollectionItem, CollectionTree } from '../collection.js'
import type { Environment } from '../environment.js'
import type { Variable } from '../variables.js'
import {
  COLLECTIONS_DIR,
  COLLECTION_FILE,
  ContainerFileSchema,
  ENVIRONMENTS_DIR,
  EnvironmentFileSchema,
  FOLDER_FILE,
  RequestFileSchema,
  type FileProblem,
  type SecretValue,
  type WorkspaceFile,
} from './format.js'
import { upgradeFile } from './upgrade.js'
import { parseYamlText } from './yaml-text.js'

/** Files carry no bookkeeping: what loading gives every item (the importer's values, so imports round-trip). */
export const LOADED_VERSION = 1
export const LOADED_AT = '1970-01-01T00:00:00.000Z'

export type LoadedWorkspace = { collections: CollectionTree[]; environments: Environment[]; problems: FileProblem[] }
export type LoadOptions = { secrets?: readonly SecretValue[] }

type Read<T> = { ok: true; data: T } | { ok: false; message: string }

/** Text → YAML → upgraded → checked against `schema`; every failure is a sentence. */
function readFile<S extends z.ZodType>(file: WorkspaceFile, schema: S): Read<z.infer<S>> {
  const parsed = parseYamlText(file.text)
  if (!parsed.ok) return parsed
  const data = parsed.data
  if (!data || typeof data !== 'object' || Array.isArray(data))
    return { ok: false, message: 'The file is not a YAML mapping of fields (`courier: 1`, `id:`, `name:` …).' }
  const record = data as Record<string, unknown>
  const upgraded = upgradeFile(record.courier, record)
  if (!upgraded.ok) return upgraded
  const checked = schema.safeParse(upgraded.data)
  if (checked.success) {
    // A misspelt field deeper down would be dropped without a word by the schema: say so instead.
    const unknown = droppedKey(upgraded.data, checked.data, [])
    if (!unknown) return { ok: true, data: checked.data }
    const line = parsed.lineOf(unknown)
    return {
      ok: false,
      message: `The file has a field Courier does not know${line ? ` at line ${line}` : ''}: ${unknown.join('.')}.`,
    }
  }
  const issue = checked.error.issues[0]!
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol')
  const line = parsed.lineOf(path)
  const field = path.length > 0 ? `${path.join('.')}: ` : ''
  const keys = issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : ''
  return {
    ok: false,
    message: `The file does not fit Courier's model${line ? ` at line ${line}` : ''}: ${field}${issue.message}${keys}.`,
  }
}

/** The path of the first key of `input` that parsing left out of `output`, if any. */
function droppedKey(input: unknown, output: unknown, path: (string | number)[]): (string | number)[] | null {
  if (Array.isArray(input) && Array.isArray(output)) {
    for (let i = 0; i < input.length; i++) {
      const found = droppedKey(input[i], output[i], [...path, i])
      if (found) return found
    }
    return null
  }
  if (input && output && typeof input === 'object' && typeof output === 'object') {
    for (const [key, value] of Object.entries(input)) {
      if (!(key in output)) return [...path, key]
      const found = droppedKey(value, (output as Record<string, unknown>)[key], [...path, key])
      if (found) return found
    }
  }
  return null
}

function variablesOf(
  ownerId: string,
  list: z.infer<typeof ContainerFileSchema>['variables'],
  secrets: readonly SecretValue[],
): Variable[] {
  return list.map((v) => ({
    name: v.name,
    // A value typed into the file wins; a secret's is otherwise the sealed one, referred to by name.
    value: v.value ?? (v.secret ? (secrets.find((s) => s.ownerId === ownerId && s.name === v.name)?.value ?? '') : ''),
    enabled: v.enabled,
    secret: v.secret,
  }))
}

const dirOf = (path: string) => path.slice(0, path.lastIndexOf('/'))
const depth = (path: string) => path.split('/').length

/** Children in their parent's `order:`; any the list does not name follow, by path. */
function ordered<T extends { id: string; path: string }>(children: T[], order: readonly string[]): T[] {
  const rank = new Map(order.map((id, i) => [id, i]))
  return [...children].sort((a, b) => {
    const ra = rank.get(a.id) ?? Infinity
    const rb = rank.get(b.id) ?? Infinity
    return ra !== rb ? ra - rb : a.path < b.path ? -1 : a.path > b.path ? 1 : 0
  })
}

type Node = { id: string; path: string; item: CollectionItem; order: string[] }

function loadCollection(
  root: string,
  files: WorkspaceFile[],
  secrets: readonly SecretValue[],
  problems: FileProblem[],
  seen: Set<string>,
): CollectionTree | null {
  const problem = (path: string, message: string) => problems.push({ path, message })
  const top = files.find((f) => f.path === `${root}/${COLLECTION_FILE}`)
  if (!top) {
    for (const f of files) problem(f.path, `Its collection has no ${COLLECTION_FILE}, so it was not loaded.`)
    return null
  }
  const head = readFile(top, ContainerFileSchema)
  if (!head.ok) {
    problem(top.path, head.message)
    return null
  }
  if (seen.has(head.data.id)) {
    problem(top.path, `Another file already has the id ${head.data.id}; this one was not loaded.`)
    return null
  }
  seen.add(head.data.id)
  const { courier: _c, order, variables, ...fields } = head.data
  const collectionId = fields.id
  const folders = new Map<string, Node>() // by directory
  const nodes: Node[] = []
  // Shallow first, a folder's own file before the requests beside it, so every parent is known in time.
  const isFolderFile = (f: WorkspaceFile) => (f.path.endsWith(`/${FOLDER_FILE}`) ? 0 : 1)
  const rest = files
    .filter((f) => f !== top)
    .sort((a, b) => depth(a.path) - depth(b.path) || isFolderFile(a) - isFolderFile(b) || (a.path < b.path ? -1 : 1))
  const parentOf = (path: string, own: string): { ok: true; id: string | null } | { ok: false } => {
    if (own === root) return { ok: true, id: null }
    const folder = folders.get(own)
    return folder ? { ok: true, id: folder.id } : { ok: false }
  }
  for (const file of rest) {
    const isFolder = file.path.endsWith(`/${FOLDER_FILE}`)
    const dir = dirOf(file.path)
    const parent = parentOf(file.path, isFolder ? dirOf(dir) : dir)
    if (file.path.endsWith(`/${COLLECTION_FILE}`)) {
      problem(
        file.path,
        `A ${COLLECTION_FILE} inside another collection's folder is not read; move it to its own folder under ${COLLECTIONS_DIR}/.`,
      )
      continue
    }
    if (!parent.ok) {
      problem(file.path, `Its folder has no readable ${FOLDER_FILE}, so it was not loaded.`)
      continue
    }
    const read = isFolder ? readFile(file, ContainerFileSchema) : readFile(file, RequestFileSchema)
    if (!read.ok) {
      problem(file.path, read.message)
      continue
    }
    if (seen.has(read.data.id)) {
      problem(file.path, `Another file already has the id ${read.data.id}; this one was not loaded.`)
      continue
    }
    seen.add(read.data.id)
    const common = { version: LOADED_VERSION, updatedAt: LOADED_AT, collectionId, parentId: parent.id, position: 0 }
    if (isFolder) {
      const data = read.data as z.infer<typeof ContainerFileSchema>
      const { courier: _v, order: childOrder, variables: vars, ...own } = data
      const item: CollectionItem = { ...own, ...common, kind: 'folder', variables: variablesOf(own.id, vars, secrets) }
      const node = { id: own.id, path: file.path, item, order: childOrder }
      folders.set(dir, node)
      nodes.push(node)
    } else {
      const { courier: _v, id, name, ...request } = read.data as z.infer<typeof RequestFileSchema>
      nodes.push({ id, path: file.path, item: { ...common, id, name, kind: 'request', request }, order: [] })
    }
  }
  // Depth first, in each parent's order; positions are the index among siblings.
  const items: CollectionItem[] = []
  const walk = (parentId: string | null, parentOrder: string[]) => {
    const children = ordered(
      nodes.filter((n) => n.item.parentId === parentId),
      parentOrder,
    )
    children.forEach((node, index) => {
      node.item.position = index
      items.push(node.item)
      if (node.item.kind === 'folder') walk(node.id, node.order)
    })
  }
  walk(null, order)
  return {
    ...fields,
    variables: variablesOf(collectionId, variables, secrets),
    version: LOADED_VERSION,
    updatedAt: LOADED_AT,
    schemaVersion: 1,
    items,
  }
}

/**
 * Files → collections and environments. A file that cannot be read is a FileProblem (never a throw);
 * everything else loads. Files outside `collections/` and `environments/`, and not `.yaml`, are ignored.
 * Secret values come from `options.secrets` (by owner id and name); a secret without one loads empty.
 */
export function loadWorkspaceFiles(files: readonly WorkspaceFile[], options: LoadOptions = {}): LoadedWorkspace {
  const secrets = options.secrets ?? []
  const problems: FileProblem[] = []
  const seen = new Set<string>()
  const byCollection = new Map<string, WorkspaceFile[]>()
  const envFiles: WorkspaceFile[] = []
  for (const file of files) {
    const path = file.path.replace(/\\/g, '/').replace(/^\.\//, '')
    if (!path.endsWith('.yaml')) continue
    const parts = path.split('/')
    if (parts[0] === COLLECTIONS_DIR && parts.length >= 3) {
      const root = parts.slice(0, 2).join('/')
      byCollection.set(root, [...(byCollection.get(root) ?? []), { path, text: file.text }])
    } else if (parts[0] === ENVIRONMENTS_DIR && parts.length === 2) envFiles.push({ path, text: file.text })
  }
  const collections: CollectionTree[] = []
  for (const root of [...byCollection.keys()].sort()) {
    const tree = loadCollection(root, byCollection.get(root)!, secrets, problems, seen)
    if (tree) collections.push(tree)
  }
  const environments: Environment[] = []
  for (const file of envFiles.sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const read = readFile(file, EnvironmentFileSchema)
    if (!read.ok) {
      problems.push({ path: file.path, message: read.message })
      continue
    }
    if (seen.has(read.data.id)) {
      problems.push({
        path: file.path,
        message: `Another file already has the id ${read.data.id}; this one was not loaded.`,
      })
      continue
    }
    seen.add(read.data.id)
    const { id, name, variables } = read.data
    environments.push({
      id,
      name,
      variables: variablesOf(id, variables, secrets),
      version: LOADED_VERSION,
      updatedAt: LOADED_AT,
    })
  }
  return { collections, environments, problems }
}
