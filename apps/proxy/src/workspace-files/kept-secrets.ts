import type { CollectionTree, Environment, Variable, VersionedKind } from '@courier/shared'
import type { SecretValue } from '@courier/shared/workspace-files'
import type { VersionStore } from '../storage/version-store.js'
import type { FilesSide } from './load-side.js'

const hasSecret = (variables: readonly Variable[]) => variables.some((v) => v.secret)

/**
 * Secret values the files bring back for things the database no longer holds (a branch switch removed an
 * environment, a collection or a folder, another brings it back): taken from each one's latest kept
 * version, by owner id and variable name. Files never hold secrets, so without this they come back empty.
 */
export async function keptSecrets(
  versions: VersionStore,
  side: FilesSide,
  dbTrees: readonly CollectionTree[],
  dbEnvs: readonly Environment[],
): Promise<SecretValue[]> {
  const dbIds = new Set([...dbTrees.map((t) => t.id), ...dbTrees.flatMap((t) => t.items.map((i) => i.id))])
  const dbEnvIds = new Set(dbEnvs.map((e) => e.id))
  const wanted: { kind: VersionedKind; id: string; names: Set<string> }[] = []
  const want = (kind: VersionedKind, id: string, variables: readonly Variable[]) => {
    const names = new Set(variables.filter((v) => v.secret).map((v) => v.name))
    if (names.size > 0) wanted.push({ kind, id, names })
  }
  for (const { tree } of side.collections.values()) {
    if (!dbIds.has(tree.id) && hasSecret(tree.variables)) want('collection', tree.id, tree.variables)
    for (const item of tree.items)
      if (item.kind === 'folder' && !dbIds.has(item.id) && hasSecret(item.variables))
        want('item', item.id, item.variables)
  }
  for (const { env } of side.environments.values())
    if (!dbEnvIds.has(env.id) && hasSecret(env.variables)) want('environment', env.id, env.variables)
  const out: SecretValue[] = []
  for (const { kind, id, names } of wanted) {
    const latest = await versions
      .list(kind, id)
      .then((list) => list[0])
      .catch(() => undefined) // never saved before: a new thing, no secret to take
    if (!latest) continue
    const detail = await versions.get(kind, id, latest.version).catch(() => undefined)
    const variables = (detail?.data as { variables?: Variable[] } | undefined)?.variables ?? []
    for (const v of variables)
      if (names.has(v.name) && v.value !== '') out.push({ ownerId: id, name: v.name, value: v.value })
  }
  return out
}
