import { GLOBALS_ID } from '@courier/shared'
import type { ImportCommitted } from '@courier/shared/convert'
import { CourierError } from '../errors.js'
import type { WorkspaceData } from '../storage/store.js'
import { commitImport } from './commit-import.js'

/**
 * A collection and the environments it needs, copied from one workspace into another with fresh
 * ids (as an import commits): the copy is the target's own from then on, and the source is untouched.
 */
export async function copyCollection(
  from: WorkspaceData,
  to: WorkspaceData,
  collectionId: string,
  environmentIds: readonly string[],
): Promise<ImportCommitted> {
  const tree = await from.collections.get(collectionId)
  if (!tree) throw new CourierError('NOT_FOUND', 'That collection no longer exists.')
  const environments = []
  for (const id of environmentIds) {
    const environment = await from.environments.get(id)
    if (!environment) throw new CourierError('NOT_FOUND', 'One of the chosen environments no longer exists.')
    environments.push({ name: environment.name, variables: environment.variables, globals: id === GLOBALS_ID })
  }
  return commitImport(to, { collections: [tree], environments })
}
