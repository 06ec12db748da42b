import {
  GLOBALS_ID,
  scopesFor,
  withCurrentValues,
  type Environment,
  type InheritLevel,
  type Scope,
} from '@courier/shared'
import { useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { collectionsOptions } from '../collections'
import { environmentsOptions } from './environment-queries'

/** The collection and folders a saved request inherits from, outermost first. */
export function useInheritChain(itemId: string | null): InheritLevel[] {
  const { data } = useQuery(collectionsOptions())
  return useMemo(() => {
    if (!itemId || !data) return []
    const collection = data.find((c) => c.items.some((i) => i.id === itemId))
    if (!collection) return []
    const folders: InheritLevel[] = []
    let parentId = collection.items.find((i) => i.id === itemId)?.parentId ?? null
    while (parentId) {
      const folder = collection.items.find((i) => i.id === parentId)
      if (!folder || folder.kind !== 'folder') break
      folders.unshift({
        kind: 'folder',
        id: folder.id,
        name: folder.name,
        auth: folder.auth,
        headers: folder.headers,
        variables: folder.variables,
      })
      parentId = folder.parentId
    }
    return [
      {
        kind: 'collection',
        id: collection.id,
        name: collection.name,
        auth: collection.auth,
        headers: collection.headers,
        variables: collection.variables,
      },
      ...folders,
    ]
  }, [data, itemId])
}

/** The variable scopes a tab's request sees, in precedence order (what the server will use too). */
export function useScopes(environmentId: string | null, itemId: string | null): Scope[] {
  const { data } = useQuery(environmentsOptions())
  const chain = useInheritChain(itemId)
  return useMemo(() => {
    const environments = data ?? []
    // My current values win over the shared ones, as they do when I send.
    const mine = (e: Environment) => withCurrentValues(e.variables, e.currentValues ?? [])
    const found = environments.find((e) => e.id === environmentId && e.id !== GLOBALS_ID)
    const environment = found ? { ...found, variables: mine(found) } : null
    const g = environments.find((e) => e.id === GLOBALS_ID)
    const globals = g ? mine(g) : []
    return scopesFor(environment, chain, globals)
  }, [data, environmentId, chain])
}
