import {
  applyInheritance,
  GLOBALS_ID,
  resolveSpec,
  scopesFor,
  variablesIn,
  withCurrentValues,
  type Environment,
  type InheritLevel,
  type RequestSpec,
  type Scope,
} from '@courier/shared'
import { CourierError } from '../errors.js'
import type { Store } from '../storage/store.js'
import type { VariableValueStore } from '../storage/variable-values-store.js'

export type ResolveInput = { request: RequestSpec; environmentId?: string | undefined; itemId?: string | undefined }

export type ResolvedRequest = {
  spec: RequestSpec
  /** Values of secret variables that were substituted: masked wherever the exchange is shown or kept. */
  secrets: string[]
  /** The same secret variables with their names: what is stored and shown reads `{{name}}` in their place. */
  secretVariables: { name: string; value: string }[]
  notes: string[]
  scopes: Scope[]
}

/** The collection and folders a saved request sits in, outermost first. */
export async function inheritChain(
  store: Pick<Store, 'collections'>,
  itemId: string | undefined,
): Promise<InheritLevel[]> {
  if (!itemId) return []
  const lineage = await store.collections.lineage(itemId)
  if (!lineage) return []
  return [
    {
      kind: 'collection',
      name: lineage.collection.name,
      auth: lineage.collection.auth,
      headers: lineage.collection.headers,
      variables: lineage.collection.variables,
    },
    ...lineage.folders.map((folder): InheritLevel => ({
      kind: 'folder',
      name: folder.name,
      auth: folder.auth,
      headers: folder.headers,
      variables: folder.variables,
    })),
  ]
}

/**
 * Where a request's `{{variables}}` come from: the selected environment (refused when it no
 * longer exists), its collection and folders, and the globals — in precedence order; with
 * `current`, the sender's own current values in place of the environment's and globals' shared ones.
 */
export async function variableScopes(
  store: Pick<Store, 'collections' | 'environments'>,
  environmentId: string | undefined,
  itemId: string | undefined,
  current?: VariableValueStore,
): Promise<{ environment: Environment | undefined; chain: InheritLevel[]; scopes: Scope[] }> {
  const shared = environmentId && environmentId !== GLOBALS_ID ? await store.environments.get(environmentId) : undefined
  if (environmentId && environmentId !== GLOBALS_ID && !shared) {
    throw new CourierError('NOT_FOUND', 'The selected environment no longer exists; choose another one.', {
      field: 'environmentId',
    })
  }
  // The sender's own current values win over the shared ones (Postman's current and initial values).
  const environment =
    shared && current
      ? { ...shared, variables: withCurrentValues(shared.variables, await current.list(shared.id)) }
      : shared
  const sharedGlobals = (await store.environments.get(GLOBALS_ID))?.variables ?? []
  const globals = current ? withCurrentValues(sharedGlobals, await current.list(GLOBALS_ID)) : sharedGlobals
  const chain = await inheritChain(store, itemId)
  return { environment, chain, scopes: scopesFor(environment ?? null, chain, globals) }
}

/**
 * Shapes a request for sending: inherited auth and headers from its collection and folders,
 * then every `{{variable}}` resolved (environment › folders › collection › globals). An unknown
 * variable in the URL, a header or an auth field is refused (the request would go somewhere
 * else than meant); one left in a body is sent as typed, with a note.
 */
export async function resolveRequest(
  store: Pick<Store, 'collections' | 'environments'>,
  input: ResolveInput,
  current?: VariableValueStore,
  /** Scopes in front of the stored ones: what scripts set for this request (pm.variables, iteration data). */
  overlay: readonly Scope[] = [],
): Promise<ResolvedRequest> {
  const found = await variableScopes(store, input.environmentId, input.itemId, current)
  const { environment, chain } = found
  const scopes = [...overlay, ...found.scopes]
  const { spec, report } = resolveSpec(applyInheritance(input.request, chain), scopes)

  const leftIn = (field: string, texts: string[]) => {
    const names = texts.flatMap(variablesIn).filter((name) => report.unresolved.includes(name))
    if (names.length) {
      const where = environment ? `the "${environment.name}" environment or` : 'an environment (none is selected),'
      throw new CourierError(
        'VARIABLE_UNRESOLVED',
        `{{${names[0]}}} has no value: define it in ${where} the collection, or the globals.`,
        { field, phase: 'validate' },
      )
    }
  }
  leftIn('url', [spec.url])
  spec.headers.forEach(([name, value, enabled], index) => enabled && leftIn(`headers[${index}]`, [name, value]))
  leftIn('auth', [JSON.stringify(spec.auth)])
  leftIn('cookies', [spec.cookies])

  const notes = report.unresolved
    .filter((name) => !variablesIn(spec.url).includes(name))
    .map((name) => `{{${name}}} has no value and was sent as typed.`)
  const secretVariables = report.used
    .filter((u) => u.secret && u.value.length > 0)
    .map(({ name, value }) => ({ name, value }))
  return { spec, secrets: secretVariables.map((u) => u.value), secretVariables, notes, scopes }
}
