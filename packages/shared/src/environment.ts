import { z } from 'zod'
import { VariableSchema, type Variable } from './variables.js'

/**
 * What a secret variable's value reads as for someone who may use it but not read it (team mode:
 * editors and viewers). Sent back unchanged, it keeps the stored value: it is never saved as a value.
 */
export const HIDDEN_SECRET_VALUE = '••••••••'

/** An environment's variable as the API answers it: `valueHidden` when the value is a secret you may not read. */
export const EnvironmentVariableSchema = VariableSchema.extend({ valueHidden: z.boolean().optional() })
export const EnvironmentVariablesSchema = z.array(EnvironmentVariableSchema).max(5000)

/** One person's own value of a variable (Postman's "current value"): it wins over the shared one, for them only. */
export const CurrentValueSchema = z.object({ name: z.string().min(1).max(200), value: z.string().max(1024 * 1024) })

export const EnvironmentSchema = z.object({
  id: z.string(),
  name: z.string().min(1).max(200),
  variables: EnvironmentVariablesSchema,
  version: z.number().int().nonnegative(),
  updatedAt: z.string(),
  /** The asking person's own current values (private to them), by variable name; absent where none is set. */
  currentValues: z.array(CurrentValueSchema).optional(),
})

/** The global scope: variables every request sees, below environments and collections. */
export const GLOBALS_ID = 'globals'

export const CreateEnvironmentSchema = z.object({
  name: z.string().trim().min(1).max(200),
  variables: EnvironmentVariablesSchema.default([]),
})
export const UpdateEnvironmentSchema = z.object({
  version: z.number().int(),
  name: z.string().trim().min(1).max(200).optional(),
  variables: EnvironmentVariablesSchema.optional(),
})

/** Sets (a string) or clears (null) the asking person's own current value of one variable. */
export const SetCurrentValueSchema = z.object({
  name: z.string().trim().min(1).max(200),
  value: z
    .string()
    .max(1024 * 1024)
    .nullable(),
})

export type Environment = z.infer<typeof EnvironmentSchema>
export type EnvironmentVariable = z.infer<typeof EnvironmentVariableSchema>
export type UpdateEnvironment = z.infer<typeof UpdateEnvironmentSchema>
export type CurrentValue = z.infer<typeof CurrentValueSchema>
export type SetCurrentValue = z.infer<typeof SetCurrentValueSchema>

/**
 * The variables a send by this person sees: each shared variable with their current value in
 * place of the shared one (its enabled and secret flags stay the shared variable's), then their
 * current values of names the environment does not define (enabled, not secret).
 */
export function withCurrentValues<V extends Variable>(
  variables: readonly V[],
  current: readonly CurrentValue[],
): Variable[] {
  if (current.length === 0) return [...variables]
  const mine = new Map(current.map((c) => [c.name, c.value]))
  const merged: Variable[] = variables.map((v) => (mine.has(v.name) ? { ...v, value: mine.get(v.name)! } : v))
  const defined = new Set(variables.map((v) => v.name))
  for (const c of current)
    if (!defined.has(c.name)) merged.push({ name: c.name, value: c.value, enabled: true, secret: false })
  return merged
}
