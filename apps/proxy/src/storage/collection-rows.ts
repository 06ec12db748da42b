import {
  CollectionItemSchema,
  CollectionSchema,
  InheritableSchema,
  upgradeSavedRequest,
  SAVED_REQUEST_VERSION,
  type Collection,
  type CollectionItem,
  type Inheritable,
} from '@courier/shared'
import type { Selectable } from 'kysely'
import { CourierError } from '../errors.js'
import type { SecretBox } from '../secrets/secret-box.js'
import type { CollectionItemTable, CollectionTable } from './schema.js'
import { openVariables, sealVariables } from './sealed-variables.js'

export const now = () => new Date().toISOString()

export function conflict(current: unknown): CourierError {
  return new CourierError(
    'STORAGE_CONFLICT',
    'Someone else changed this since you loaded it. Reload to see their version, or overwrite it with yours.',
    { details: { current } },
  )
}

export type CollectionRows = ReturnType<typeof collectionRows>

/** Collections and items to and from their rows; variables sealed in the JSON. */
export function collectionRows(box: SecretBox) {
  const inheritableToJson = (data: Inheritable) =>
    JSON.stringify({ ...data, variables: sealVariables(data.variables, box) })
  const inheritableFromJson = (json: string): Inheritable => {
    const data = InheritableSchema.parse(JSON.parse(json))
    return { ...data, variables: openVariables(data.variables, box) }
  }

  const toCollection = (row: Selectable<CollectionTable>): Collection =>
    CollectionSchema.parse({
      ...inheritableFromJson(row.data_json),
      id: row.id,
      name: row.name,
      version: Number(row.version),
      updatedAt: row.updated_at,
      schemaVersion: 1,
    })

  const toItem = (row: Selectable<CollectionItemTable>): CollectionItem => {
    const base = {
      id: row.id,
      collectionId: row.collection_id,
      parentId: row.parent_id,
      name: row.name,
      position: Number(row.position),
      version: Number(row.version),
      updatedAt: row.updated_at,
    }
    if (row.kind === 'folder')
      return CollectionItemSchema.parse({ ...inheritableFromJson(row.data_json), ...base, kind: 'folder' })
    return CollectionItemSchema.parse({
      ...base,
      kind: 'request',
      request: upgradeSavedRequest(JSON.parse(row.data_json)).request,
    })
  }

  const itemData = (item: CollectionItem): string =>
    item.kind === 'folder'
      ? inheritableToJson(item)
      : JSON.stringify({ schemaVersion: SAVED_REQUEST_VERSION, request: item.request })

  return { inheritableToJson, inheritableFromJson, toCollection, toItem, itemData }
}
