import {
  GLOBALS_ID,
  type Collection,
  type CollectionItem,
  type CollectionTree,
  type CurrentValue,
  type Environment,
  type Folder,
} from '@courier/shared'
import { CourierError } from '../errors.js'
import { newId } from '../ids.js'
import type { CollectionStore } from '../storage/collection-store.js'
import type { EnvironmentStore } from '../storage/environment-store.js'
import type { FlowRow, OAuthStore } from '../storage/oauth-store.js'
import type { VariableValueStore } from '../storage/variable-values-store.js'
import type { CookieJarStore, HistoryStore, SettingsStore, Store } from '../storage/store.js'
import { nothingToCheck } from '../storage/integrity-check.js'

const now = () => new Date().toISOString()

/** What a Postman file run never does (edit the tree, sign people in, keep history…): a clear error, not a silent no-op. */
function notInFileRun(what: string): never {
  throw new CourierError('INVALID_REQUEST', `A run of a collection file does not ${what}: it keeps nothing.`)
}

/** An object whose every method says what a file run does not do. */
function absent<T extends object>(what: string): T {
  return new Proxy({} as T, {
    get: (_target, key) => (typeof key === 'symbol' || key === 'then' ? undefined : () => notInFileRun(what)),
  })
}

function collections(): CollectionStore {
  const trees = new Map<string, { collection: Collection; items: CollectionItem[] }>()
  const itemIndex = new Map<string, CollectionItem>()
  const tree = (id: string): CollectionTree | undefined => {
    const entry = trees.get(id)
    return entry && { ...entry.collection, items: entry.items }
  }
  return {
    async list() {
      return [...trees.keys()].map((id) => tree(id)!)
    },
    async get(id) {
      return tree(id)
    },
    async restore(removed) {
      if (!removed.collection) return notInFileRun('restore items into a collection')
      trees.set(removed.collection.id, { collection: removed.collection, items: removed.items })
      for (const item of removed.items) itemIndex.set(item.id, item)
    },
    async getItem(id) {
      return itemIndex.get(id)
    },
    async lineage(itemId) {
      const item = itemIndex.get(itemId)
      const entry = item && trees.get(item.collectionId)
      if (!item || !entry) return undefined
      const folders: Folder[] = []
      for (let parent = item.parentId; parent !== null;) {
        const folder = itemIndex.get(parent)
        if (!folder || folder.kind !== 'folder') break
        folders.unshift(folder)
        parent = folder.parentId
      }
      return { collection: entry.collection, folders, item }
    },
    // Keeping variables writes the collection's own variables back (pm.collectionVariables.set).
    async update(id, patch) {
      const entry = trees.get(id)
      if (!entry) throw new CourierError('NOT_FOUND', 'That collection no longer exists.')
      const { version: _version, ...fields } = patch
      const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined))
      entry.collection = { ...entry.collection, ...defined, version: entry.collection.version + 1, updatedAt: now() }
      return entry.collection
    },
    create: () => notInFileRun('create collections'),
    remove: () => notInFileRun('delete collections'),
    duplicate: () => notInFileRun('duplicate collections'),
    createItem: () => notInFileRun('create requests'),
    updateItem: () => notInFileRun('edit requests'),
    moveItem: () => notInFileRun('move requests'),
    duplicateItem: () => notInFileRun('duplicate requests'),
    removeItem: () => notInFileRun('delete requests'),
  }
}

function environments(): EnvironmentStore {
  const all = new Map<string, Environment>([
    [GLOBALS_ID, { id: GLOBALS_ID, name: 'Globals', variables: [], version: 1, updatedAt: now() }],
  ])
  const write = (id: string, change: Partial<Pick<Environment, 'name' | 'variables'>>): Environment => {
    const current = all.get(id)
    if (!current) throw new CourierError('NOT_FOUND', 'That environment no longer exists.')
    const next = { ...current, ...change, version: current.version + 1, updatedAt: now() }
    all.set(id, next)
    return next
  }
  return {
    async list() {
      return [...all.values()]
    },
    async get(id) {
      return all.get(id)
    },
    async create(name, variables) {
      const environment = { id: newId(), name, variables, version: 1, updatedAt: now() }
      all.set(environment.id, environment)
      return environment
    },
    async update(id, patch) {
      return write(id, {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.variables !== undefined ? { variables: patch.variables } : {}),
      })
    },
    async setVariable(id, name, value) {
      const current = all.get(id)
      if (!current) throw new CourierError('NOT_FOUND', 'That environment no longer exists.')
      const exists = current.variables.some((v) => v.name === name)
      return write(id, {
        variables: exists
          ? current.variables.map((v) => (v.name === name ? { ...v, value, enabled: true } : v))
          : [...current.variables, { name, value, enabled: true, secret: false }],
      })
    },
    remove: () => notInFileRun('delete environments'),
    duplicate: () => notInFileRun('duplicate environments'),
    restore: () => notInFileRun('restore environments'),
  }
}

/** The runner's own current values: there is one person, so these stay empty unless something sets one. */
function currentValues(): VariableValueStore {
  const values = new Map<string, Map<string, string>>()
  return {
    async list(environmentId): Promise<CurrentValue[]> {
      return [...(values.get(environmentId) ?? [])].map(([name, value]) => ({ name, value }))
    },
    async set(environmentId, name, value) {
      if (!values.has(environmentId)) values.set(environmentId, new Map())
      values.get(environmentId)!.set(name, value)
    },
    async clear(environmentId, name) {
      return values.get(environmentId)?.delete(name) ?? false
    },
    async forgetEnvironment(environmentId) {
      values.delete(environmentId)
    },
  }
}

/** The run report is a file run's record: exchanges are not kept as history. */
function noHistory(): HistoryStore {
  return {
    async append() {},
    async prune() {
      return []
    },
    async known() {
      return new Set()
    },
    list: () => notInFileRun('keep history'),
    get: () => notInFileRun('keep history'),
    remove: () => notInFileRun('keep history'),
    clear: () => notInFileRun('keep history'),
  }
}

function keyValues(): SettingsStore & CookieJarStore {
  const values = new Map<string, unknown>()
  return {
    async get<T>(key: string) {
      return values.get(key) as T | undefined
    },
    async put(key, value) {
      values.set(key, value)
    },
    async load(id) {
      return values.get(`jar:${id}`) as string | undefined
    },
    async save(id, json) {
      values.set(`jar:${id}`, json)
    },
  }
}

/** OAuth 2 tokens fetched during the run (sealed by the run's own key), gone when it ends. */
function oauthTokens(): OAuthStore {
  const flows = new Map<string, FlowRow>()
  const tokens = new Map<string, string>()
  const key = (environmentKey: string, tokenKey: string) => `${environmentKey}\u0000${tokenKey}`
  return {
    async createFlow(row) {
      flows.set(row.id, row)
    },
    async getFlow(id) {
      return flows.get(id)
    },
    async findFlowByState(stateHash) {
      return [...flows.values()].find((flow) => flow.state_hash === stateHash)
    },
    async consumeFlow(id, at) {
      const flow = flows.get(id)
      if (!flow || flow.consumed_at !== null) return false
      flows.set(id, { ...flow, consumed_at: at })
      return true
    },
    async updateFlow(id, changes) {
      const flow = flows.get(id)
      if (flow) flows.set(id, { ...flow, ...changes, updated_at: now() })
    },
    async pruneFlows(before) {
      let pruned = 0
      for (const [id, flow] of flows)
        if (flow.created_at < before) {
          flows.delete(id)
          pruned++
        }
      return pruned
    },
    async getToken(environmentKey, tokenKey) {
      return tokens.get(key(environmentKey, tokenKey))
    },
    async putToken(environmentKey, tokenKey, sealed) {
      tokens.set(key(environmentKey, tokenKey), sealed)
    },
    async deleteToken(environmentKey, tokenKey) {
      return tokens.delete(key(environmentKey, tokenKey))
    },
  }
}

/**
 * The store of a `courier run` on a Postman file: the imported collection, its environment and
 * globals, cookies, settings and OAuth tokens, in this process's memory for the run's length — no
 * database, no migrations, no files, never the person's own data. What a run reads and writes
 * (collections, lineage, environments, captures and kept script variables) behaves as in the
 * SQLite store; what a run never does (editing the tree, sign-in, team mode, history) answers an
 * error saying so.
 */
export function fileRunStore(): Store {
  const data = { collections: collections(), environments: environments() }
  const values = currentValues()
  const history = noHistory()
  const keyValueStore = keyValues()
  const workspace = {
    ...data,
    versions: absent<Store['versions']>('keep versions'),
    trash: absent<Store['trash']>('keep a trash'),
  }
  return {
    // Nothing reads the kind on a run; it stands in for single-user Courier's store.
    kind: 'sqlite',
    history,
    settings: keyValueStore,
    cookieJars: keyValueStore,
    ...workspace,
    workspace: absent('keep workspace state'),
    oauth: oauthTokens(),
    sessions: absent('sign anyone in'),
    memberships: absent('have workspaces'),
    invitations: absent('invite people'),
    audit: absent('keep an audit log'),
    presence: absent('track presence'),
    sendLeases: absent('count sends across instances'),
    failures: absent('count sign-in failures'),
    users: absent('have users'),
    oidcFlows: absent('sign anyone in'),
    inWorkspace: () => workspace,
    historyOf: () => history,
    runs: absent('keep runs'),
    runsOf: () => absent('keep runs'),
    runRegistry: absent('keep runs'),
    captureMounts: absent('capture'),
    mocks: absent('serve mocks'),
    blobs: () => notInFileRun('keep blobs in a database'),
    // No history rows: a body is held by the body store (in memory) for as long as the run reads it.
    smallBodies: { get: async () => undefined },
    integrity: nothingToCheck('A run of a collection file keeps nothing on disk.'),
    shareReadCache: () => notInFileRun('share a database with other instances'),
    savedRequestTexts: async () => [],
    sweepTrash: async () => 0,
    currentValues: () => values,
    close: async () => {},
  }
}
