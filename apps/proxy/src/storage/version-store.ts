import {
  describeChanges,
  EnvironmentSchema,
  GLOBALS_ID,
  VariablesSchema,
  type VersionDetail,
  type VersionedKind,
  type VersionSummary,
} from '@courier/shared'
import type { Kysely } from 'kysely'
import { CourierError } from '../errors.js'
import type { SecretBox } from '../secrets/secret-box.js'
import { collectionRows } from './collection-rows.js'
import type { CollectionStore } from './collection-store.js'
import type { EnvironmentStore } from './environment-store.js'
import { globalsRowId } from './environment-store.js'
import type { Database } from './schema.js'
import { openVariables } from './sealed-variables.js'
import type { RowSnapshot, VersionLog } from './version-log.js'

export interface VersionStore {
  /** Every kept version of one collection, item or environment, newest first, each with what it changed. */
  list(kind: VersionedKind, id: string): Promise<VersionSummary[]>
  get(kind: VersionedKind, id: string, version: number): Promise<VersionDetail>
  /** Writes a new version equal to `version` (history is never rewritten); answers the new version. */
  restore(kind: VersionedKind, id: string, version: number): Promise<VersionDetail>
}

type Data = VersionDetail['data']

export function createVersionStore(
  db: Kysely<Database>,
  box: SecretBox,
  ws: string,
  log: VersionLog,
  data: { collections: CollectionStore; environments: EnvironmentStore },
): VersionStore {
  const rows = collectionRows(box)
  const globalsRow = globalsRowId(ws)
  const targetId = (kind: VersionedKind, id: string) => (kind === 'environment' && id === GLOBALS_ID ? globalsRow : id)

  const decode = (kind: VersionedKind, snapshot: RowSnapshot): Data => {
    if (kind === 'collection') return rows.toCollection(snapshot as never)
    if (kind === 'item') return rows.toItem(snapshot as never)
    return EnvironmentSchema.parse({
      id: snapshot.id === globalsRow ? GLOBALS_ID : snapshot.id,
      name: snapshot.name,
      variables: openVariables(VariablesSchema.parse(JSON.parse(String(snapshot.variables_json))), box),
      version: Number(snapshot.version),
      updatedAt: snapshot.updated_at,
    })
  }

  const live = async (kind: VersionedKind, id: string): Promise<Data | undefined> => {
    if (kind === 'collection') {
      const tree = await data.collections.get(id)
      if (!tree) return undefined
      const { items: _items, ...collection } = tree
      return collection
    }
    if (kind === 'item') return data.collections.getItem(id)
    return data.environments.get(id)
  }

  async function all(kind: VersionedKind, id: string) {
    const kept = (await log.list(db, kind, targetId(kind, id))).map((row) => ({
      version: row.version,
      userId: row.user_id,
      at: row.at,
      data: decode(kind, row.snapshot),
    }))
    const now = await live(kind, id)
    // A row from before versions existed: its current state is its first version here.
    if (now && !kept.some((v) => v.version === now.version))
      kept.push({ version: now.version, userId: 'local', at: now.updatedAt, data: now })
    if (kept.length === 0) throw new CourierError('NOT_FOUND', 'Nothing with that id has any saved versions.')
    const withChanges = kept.map((v, index) => ({
      ...v,
      kind,
      changes: describeChanges(index === 0 ? undefined : (kept[index - 1]!.data as never), v.data as never),
    }))
    if (kept[0]!.version > 1) withChanges[0]!.changes = ['oldest version kept']
    return withChanges
  }

  async function get(kind: VersionedKind, id: string, version: number): Promise<VersionDetail> {
    const found = (await all(kind, id)).find((v) => v.version === version)
    if (!found)
      throw new CourierError(
        'NOT_FOUND',
        `Version ${version} is not kept (versions older than 30 days beyond the last 50 are dropped).`,
      )
    return found
  }

  return {
    async list(kind, id) {
      return (await all(kind, id)).reverse().map(({ data: _data, kind: _kind, ...summary }) => summary)
    },
    get,
    async restore(kind, id, version) {
      const old = await get(kind, id, version)
      const now = await live(kind, id)
      if (!now) throw new CourierError('NOT_FOUND', 'It was deleted: restore it from the Trash first.')
      const d = old.data as Record<string, unknown>
      if (kind === 'collection') {
        const { name, description, auth, headers, variables } = d as never
        await data.collections.update(id, { version: now.version, name, description, auth, headers, variables })
      } else if (kind === 'item') {
        if (d.kind === 'request')
          await data.collections.updateItem(id, {
            version: now.version,
            name: d.name as string,
            request: d.request as never,
          })
        else {
          const { name, description, auth, headers, variables } = d as never
          await data.collections.updateItem(id, { version: now.version, name, description, auth, headers, variables })
        }
      } else {
        await data.environments.update(id, {
          version: now.version,
          name: d.name as string,
          variables: d.variables as never,
        })
      }
      return get(kind, id, now.version + 1)
    },
  }
}
