import { GLOBALS_ID, withCurrentValues, type Variable } from '@courier/shared'
import { CourierError } from '../errors.js'
import { writeCapture } from '../send/apply-captures.js'
import type { SendServices } from '../send/perform-send.js'
import { LOCAL_USER_ID } from '../storage/local-identity.js'
import { can, type Scope } from '../team/scope.js'
import { enabledValues, type RunVariables } from './run-variables.js'

/** The variable scopes scripts read and write (pm.environment, pm.collectionVariables, pm.globals). */
export type ScriptScopes = {
  environment: Record<string, unknown>
  collectionVariables: Record<string, unknown>
  globals: Record<string, unknown>
}

type Lineage = NonNullable<Awaited<ReturnType<Scope['data']['collections']['lineage']>>>

const asText = (value: unknown) =>
  typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value)

/** The stored variables scripts start from in a single send (the sender's current values included). */
export async function storedScopes(
  services: SendServices,
  scope: Scope,
  environmentId: string | undefined,
  lineage: Lineage | undefined,
): Promise<{ vars: ScriptScopes; secrets: Set<string>; environmentName: string }> {
  const current = services.store.currentValues(scope.workspaceId, scope.actor.userId)
  const env =
    environmentId && environmentId !== GLOBALS_ID ? await scope.data.environments.get(environmentId) : undefined
  const envVars = env ? withCurrentValues(env.variables, await current.list(env.id)) : []
  const globals = withCurrentValues(
    (await scope.data.environments.get(GLOBALS_ID))?.variables ?? [],
    await current.list(GLOBALS_ID),
  )
  const secrets = new Set<string>()
  for (const v of [...envVars, ...globals, ...(lineage?.collection.variables ?? [])]) if (v.secret) secrets.add(v.name)
  return {
    vars: {
      environment: enabledValues(envVars),
      collectionVariables: enabledValues(lineage?.collection.variables ?? []),
      globals: enabledValues(globals),
    },
    secrets,
    environmentName: env?.name ?? 'Environment',
  }
}

/** A run's script changes, kept in the run: only the names the scripts set or unset (a capture's value stays). */
export function keepInRun(
  run: RunVariables,
  vars: ScriptScopes,
  changed: Record<keyof ScriptScopes, Set<string>>,
): void {
  for (const key of ['environment', 'collectionVariables', 'globals'] as const)
    for (const name of changed[key]) {
      if (name in vars[key]) run[key][name] = vars[key][name]
      else delete run[key][name]
    }
}

/** The collection's variables with the script's changes: set names take the value (enabled), unset ones go. */
export function withScriptChanges(
  variables: readonly Variable[],
  values: Record<string, unknown>,
  names: ReadonlySet<string>,
): Variable[] {
  const next = variables
    .filter((v) => !names.has(v.name) || v.name in values)
    .map((v) => (names.has(v.name) ? { ...v, value: asText(values[v.name]), enabled: true } : v))
  for (const name of names)
    if (name in values && !next.some((v) => v.name === name))
      next.push({ name, value: asText(values[name]), enabled: true, secret: false })
  return next
}

/**
 * Writes what scripts set with pm.collectionVariables to the saved collection (a run that keeps
 * variable values, as Postman's "Keep variable values" does); a concurrent edit of the collection
 * is merged by the store, a conflict retried a few times.
 */
async function persistCollectionVariables(
  scope: Scope,
  collectionId: string,
  values: Record<string, unknown>,
  names: ReadonlySet<string>,
): Promise<void> {
  if (names.size === 0) return
  if (!can.save(scope.role)) throw new Error('a viewer cannot change the collection’s variables')
  for (let attempt = 0; ; attempt++) {
    const collection = await scope.data.collections.get(collectionId)
    if (!collection) return
    try {
      await scope.data.collections.update(collectionId, {
        version: collection.version,
        variables: withScriptChanges(collection.variables, values, names),
      })
      return
    } catch (error) {
      if (!(error instanceof CourierError && error.code === 'STORAGE_CONFLICT') || attempt >= 3) throw error
    }
  }
}

/**
 * A send's script changes to the environment and the globals, written where captures write; with
 * `collectionId` (a run that keeps variable values), to the collection's own variables too.
 */
export async function persist(
  scope: Scope,
  services: SendServices,
  environmentId: string | undefined,
  vars: ScriptScopes,
  changed: Record<keyof ScriptScopes, Set<string>>,
  collectionId?: string,
): Promise<void> {
  const capture = {
    store: scope.data,
    current: services.store.currentValues(scope.workspaceId, scope.actor.userId),
    into: scope.actor.userId === LOCAL_USER_ID ? ('shared' as const) : ('current' as const),
  }
  const write = async (target: string, values: Record<string, unknown>, names: Set<string>) => {
    for (const name of names) await writeCapture(capture, target, name, asText(values[name]))
  }
  if (environmentId && environmentId !== GLOBALS_ID) await write(environmentId, vars.environment, changed.environment)
  await write(GLOBALS_ID, vars.globals, changed.globals)
  if (collectionId)
    await persistCollectionVariables(scope, collectionId, vars.collectionVariables, changed.collectionVariables)
}
