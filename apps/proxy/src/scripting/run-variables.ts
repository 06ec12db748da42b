import { GLOBALS_ID, withCurrentValues, type Scope as VariableScope, type Variable } from '@courier/shared'
import type { SendServices } from '../send/perform-send.js'
import type { Scope } from '../team/scope.js'

/**
 * A run's own copy of the variables scripts and captures change (newman's default, a run without
 * "keep variable values"): seeded from the stored values (the runner's current values included)
 * when the run starts, read and changed by every later request and script of the run, and never
 * written back to the store.
 */
export type RunVariables = {
  environmentId: string | undefined
  environmentName: string
  environment: Record<string, unknown>
  collectionVariables: Record<string, unknown>
  globals: Record<string, unknown>
  /** Names of stored secret variables: their values stay masked wherever a send shows them. */
  secrets: Set<string>
}

export function enabledValues(variables: readonly Variable[]): Record<string, unknown> {
  return Object.fromEntries(variables.filter((v) => v.enabled).map((v) => [v.name, v.value]))
}

/** The run's variables as they are stored at its start, in `scope`, for the collection's own variables. */
export async function seedRunVariables(
  services: Pick<SendServices, 'store'>,
  scope: Scope,
  environmentId: string | undefined,
  collectionVariables: readonly Variable[],
): Promise<RunVariables> {
  const current = services.store.currentValues(scope.workspaceId, scope.actor.userId)
  const env =
    environmentId && environmentId !== GLOBALS_ID ? await scope.data.environments.get(environmentId) : undefined
  const envVars = env ? withCurrentValues(env.variables, await current.list(env.id)) : []
  const globals = withCurrentValues(
    (await scope.data.environments.get(GLOBALS_ID))?.variables ?? [],
    await current.list(GLOBALS_ID),
  )
  const secrets = new Set<string>()
  for (const v of [...envVars, ...globals, ...collectionVariables]) if (v.secret) secrets.add(v.name)
  return {
    environmentId: env?.id,
    environmentName: env?.name ?? 'Environment',
    environment: enabledValues(envVars),
    collectionVariables: enabledValues(collectionVariables),
    globals: enabledValues(globals),
    secrets,
  }
}

const asText = (value: unknown) =>
  typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value)

/** A scope of values for resolving `{{name}}`, secret where the stored variable of that name is. */
export function overlayScope(
  kind: VariableScope['kind'],
  name: string,
  values: Record<string, unknown>,
  secrets: ReadonlySet<string> = new Set(),
): VariableScope {
  return {
    kind,
    name,
    variables: Object.entries(values).map(([key, value]) => ({
      name: key,
      value: asText(value),
      enabled: true,
      secret: secrets.has(key),
    })),
  }
}

/** The run's environment, collection variables and globals, in front of the stored ones. */
export function runOverlay(run: RunVariables): VariableScope[] {
  return [
    overlayScope('environment', run.environmentName, run.environment, run.secrets),
    overlayScope('collection', 'Collection variables', run.collectionVariables, run.secrets),
    overlayScope('global', 'Globals', run.globals, run.secrets),
  ]
}

/** Where a capture writes in a run that keeps its changes to itself: the run's environment or globals. */
export function captureIntoRun(run: RunVariables) {
  return async (target: string, name: string, value: string): Promise<{ name: string }> => {
    if (target !== GLOBALS_ID && target === run.environmentId) {
      run.environment[name] = value
      return { name: run.environmentName }
    }
    run.globals[name] = value
    return { name: 'Globals' }
  }
}
