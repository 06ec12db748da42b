import {
  HIDDEN_SECRET_VALUE,
  type CurrentValue,
  type Environment,
  type EnvironmentVariable,
  type Variable,
} from '@courier/shared'
import { CourierError } from '../errors.js'
import { can, type Role } from './scope.js'

/** A stored secret whose value the reader may not see: a secret with a value. */
const hides = (v: Variable) => v.secret && v.value !== ''

/**
 * An environment as `role` may see it, with the reader's own current values: owners and admins
 * read every value; editors and viewers read a secret variable's shared value as a placeholder,
 * flagged `valueHidden` (sends still use the real value, resolved on the server).
 */
export function environmentFor(role: Role, environment: Environment, currentValues?: CurrentValue[]): Environment {
  const variables = can.readSecrets(role)
    ? environment.variables
    : environment.variables.map((v): EnvironmentVariable =>
        hides(v) ? { ...v, value: HIDDEN_SECRET_VALUE, valueHidden: true } : v,
      )
  return { ...environment, variables, ...(currentValues ? { currentValues } : {}) }
}

const carriesPlaceholder = (v: EnvironmentVariable) => v.valueHidden === true || v.value === HIDDEN_SECRET_VALUE

/**
 * The variables to store for a write by `role`. Someone who may not read secrets sends back what
 * they were shown: a secret still carrying the placeholder keeps its stored value (the
 * placeholder is never saved). A new value for a secret is written (write-only: an editor may
 * rotate a key they cannot read). Turning a hidden secret into a plain variable without giving it
 * a new value would show the stored value, so it is refused, as is renaming one.
 */
export function variablesToStore(
  role: Role,
  stored: readonly Variable[],
  incoming: readonly EnvironmentVariable[],
): Variable[] {
  const readable = can.readSecrets(role)
  const byName = new Map(stored.map((v) => [v.name, v]))
  return incoming.map(({ valueHidden: _shown, ...v }): Variable => {
    if (readable || !carriesPlaceholder({ ...v, valueHidden: _shown })) return v
    const kept = byName.get(v.name)
    if (!kept || !hides(kept)) {
      // Nothing hidden under this name: the placeholder was typed, or the secret was renamed.
      if (_shown === true)
        throw new CourierError(
          'FORBIDDEN',
          `Only owners and admins can rename the secret variable whose value is hidden (now “${v.name}”); keep its name, or give it a new value.`,
          { field: 'variables' },
        )
      return v
    }
    if (!v.secret)
      throw new CourierError(
        'FORBIDDEN',
        `Only owners and admins can make the secret “${v.name}” a plain variable; give it a new value first, or ask one of them.`,
        { field: 'variables' },
      )
    return { ...v, value: kept.value }
  })
}

const looksLikeVariable = (value: unknown): value is Variable =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Variable).name === 'string' &&
  typeof (value as Variable).value === 'string' &&
  typeof (value as Variable).secret === 'boolean'

/**
 * An answer as someone who may not read secrets receives it: every secret variable at any depth
 * (environments, collections, folders, their versions, trash entries, a conflict's base, mine and
 * theirs) has the placeholder for its value, flagged `valueHidden`. Applied to what is really
 * serialized (plugins/workspace-scope.ts), so no route can forget it.
 */
export function hideSecretValues(payload: unknown): unknown {
  if (Array.isArray(payload)) return payload.map(hideSecretValues)
  if (typeof payload !== 'object' || payload === null) return payload
  if (looksLikeVariable(payload) && hides(payload)) return { ...payload, value: HIDDEN_SECRET_VALUE, valueHidden: true }
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(payload)) out[key] = hideSecretValues(value)
  return out
}

/** Whether a value sent back holds a secret's placeholder anywhere (what hideSecretValues put there). */
export function carriesHiddenSecret(payload: unknown): boolean {
  if (Array.isArray(payload)) return payload.some(carriesHiddenSecret)
  if (typeof payload !== 'object' || payload === null) return false
  if (looksLikeVariable(payload)) return payload.secret && carriesPlaceholder(payload)
  return Object.values(payload).some(carriesHiddenSecret)
}
