import { InheritableSchema, type CollectionItem, type CollectionTree, type Inheritable } from '../collection.js'
import type { Environment } from '../environment.js'
import { AuthSchema, RequestSpecSchema, type RequestSpec } from '../request-spec.js'
import type { Variable } from '../variables.js'
import {
  COLLECTIONS_DIR,
  COLLECTION_FILE,
  ENVIRONMENTS_DIR,
  FOLDER_FILE,
  INHERITABLE_KEYS,
  REQUEST_KEYS,
  type SecretValue,
  type WorkspaceFile,
} from './format.js'
import { uniqueSlugs } from './slug.js'
import { withoutDefaults } from './strip-defaults.js'
import { WORKSPACE_FILE_VERSION } from './upgrade.js'
import { toYamlText } from './yaml-text.js'

type Data = Record<string, unknown>
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** What a file holds of a variable: never a secret's value. */
function fileVariable(v: Variable): Data {
  const out: Data = { name: v.name }
  if (!v.secret) out.value = v.value
  if (!v.enabled) out.enabled = false
  if (v.secret) out.secret = true
  return out
}

/** `fields` in `keys` order, each left out when it equals what loading fills in for it. */
function ordered(fields: Data, keys: readonly string[], defaults: Data): Data {
  const out: Data = {}
  for (const key of keys) {
    const value = fields[key]
    if (value === undefined) continue
    if (key in defaults && same(value, defaults[key])) continue
    out[key] = value
  }
  return out
}

const INHERITABLE_DEFAULTS: Data = InheritableSchema.parse({})
const REQUEST_DEFAULTS: Data = RequestSpecSchema.parse({ method: 'GET', url: '' })
delete REQUEST_DEFAULTS.method
delete REQUEST_DEFAULTS.url

function containerData(node: { id: string; name: string } & Inheritable, order: string[]): Data {
  const inheritable = ordered(
    {
      ...node,
      auth: withoutDefaults(AuthSchema, AuthSchema.parse(node.auth)),
      variables: node.variables.map(fileVariable),
    },
    INHERITABLE_KEYS,
    INHERITABLE_DEFAULTS,
  )
  return {
    courier: WORKSPACE_FILE_VERSION,
    id: node.id,
    name: node.name,
    ...inheritable,
    ...(order.length > 0 ? { order } : {}),
  }
}

function requestData(id: string, name: string, spec: RequestSpec): Data {
  // Parsed again so nested keys come in the schema's order, whatever order the model was built in;
  // then every field equal to its default is left out, at any depth, when loading restores it exactly.
  const canonical = withoutDefaults(RequestSpecSchema, RequestSpecSchema.parse(spec)) as Data
  return {
    courier: WORKSPACE_FILE_VERSION,
    id,
    name,
    method: canonical.method,
    url: canonical.url,
    ...ordered(canonical, REQUEST_KEYS.slice(2), REQUEST_DEFAULTS),
  }
}

/**
 * A collection as files: `collections/<slug>/collection.yaml`, a folder per folder with its
 * `folder.yaml`, a `<slug>.yaml` per request. Order is in each parent's `order:` (child ids).
 * `dir` overrides the collection's folder name (to keep several collections' names unique).
 */
export function filesOfCollection(tree: CollectionTree, dir?: string): WorkspaceFile[] {
  const root = `${COLLECTIONS_DIR}/${dir ?? uniqueSlugs([tree]).get(tree.id)!}`
  const children = new Map<string | null, CollectionItem[]>()
  for (const item of tree.items) children.set(item.parentId, [...(children.get(item.parentId) ?? []), item])
  for (const list of children.values()) list.sort((a, b) => a.position - b.position)
  const files: WorkspaceFile[] = []
  const ids = (parentId: string | null) => (children.get(parentId) ?? []).map((i) => i.id)
  files.push({ path: `${root}/${COLLECTION_FILE}`, text: toYamlText(containerData(tree, ids(null))) })
  const walk = (parentId: string | null, path: string) => {
    const list = children.get(parentId) ?? []
    const slugs = uniqueSlugs(list, [FOLDER_FILE.replace('.yaml', ''), COLLECTION_FILE.replace('.yaml', '')])
    for (const item of list) {
      const slug = slugs.get(item.id)!
      if (item.kind === 'folder') {
        const { id, name, description, auth, headers, variables, scripts } = item
        const data = containerData({ id, name, description, auth, headers, variables, scripts }, ids(item.id))
        files.push({ path: `${path}/${slug}/${FOLDER_FILE}`, text: toYamlText(data) })
        walk(item.id, `${path}/${slug}`)
      } else
        files.push({ path: `${path}/${slug}.yaml`, text: toYamlText(requestData(item.id, item.name, item.request)) })
    }
  }
  walk(null, root)
  return files
}

/** An environment as `environments/<slug>.yaml`, secret values left out. */
export function filesOfEnvironment(env: Environment, fileName?: string): WorkspaceFile {
  const data = {
    courier: WORKSPACE_FILE_VERSION,
    id: env.id,
    name: env.name,
    variables: env.variables.map(({ name, value, enabled, secret }) => fileVariable({ name, value, enabled, secret })),
  }
  return { path: `${ENVIRONMENTS_DIR}/${fileName ?? uniqueSlugs([env]).get(env.id)!}.yaml`, text: toYamlText(data) }
}

/** A whole workspace as files: collection folders and environment files unique by id. */
export function filesOfWorkspace(trees: readonly CollectionTree[], envs: readonly Environment[]): WorkspaceFile[] {
  const dirs = uniqueSlugs(trees)
  const names = uniqueSlugs(envs)
  return [
    ...trees.flatMap((t) => filesOfCollection(t, dirs.get(t.id))),
    ...envs.map((e) => filesOfEnvironment(e, names.get(e.id))),
  ]
}

/** The secret values the files leave out, for Courier to keep sealed in its data folder. */
export function secretsOfCollection(tree: CollectionTree): SecretValue[] {
  const owners: { id: string; variables: Variable[] }[] = [tree, ...tree.items.filter((i) => i.kind === 'folder')]
  return owners.flatMap((o) =>
    o.variables.filter((v) => v.secret).map((v) => ({ ownerId: o.id, name: v.name, value: v.value })),
  )
}

export function secretsOfEnvironment(env: Environment): SecretValue[] {
  return env.variables.filter((v) => v.secret).map((v) => ({ ownerId: env.id, name: v.name, value: v.value }))
}
