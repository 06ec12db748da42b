import { z } from 'zod'
import { VariablesSchema } from './variables.js'

export const EnvironmentSchema = z.object({
  id: z.string(),
  name: z.string().min(1).max(200),
  variables: VariablesSchema,
  version: z.number().int().nonnegative(),
  updatedAt: z.string(),
})

/** The global scope: variables every request sees, below environments and collections. */
export const GLOBALS_ID = 'globals'

export const CreateEnvironmentSchema = z.object({
  name: z.string().trim().min(1).max(200),
  variables: VariablesSchema.default([]),
})
export const UpdateEnvironmentSchema = z.object({
  version: z.number().int(),
  name: z.string().trim().min(1).max(200).optional(),
  variables: VariablesSchema.optional(),
})

export type Environment = z.infer<typeof EnvironmentSchema>
export type UpdateEnvironment = z.infer<typeof UpdateEnvironmentSchema>
