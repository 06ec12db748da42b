import { z } from 'zod'
import { RoleSchema } from './team.js'

/** Team mode: who is acting on a request, as `GET /api/me` answers it. */
export const ActorSchema = z.object({
  userId: z.string(),
  email: z.string().nullable(),
  name: z.string(),
  via: z.enum(['local', 'session', 'token']),
})
export type ActorView = z.infer<typeof ActorSchema>

export const MyWorkspaceSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['personal', 'team']),
  createdAt: z.string(),
  role: RoleSchema,
})

/** `GET /api/me`: whether this is a team server, who is signed in, and the workspaces they may switch to. */
export const MeSchema = z.object({
  team: z.boolean(),
  actor: ActorSchema,
  workspaces: z.array(MyWorkspaceSchema),
})
export type Me = z.infer<typeof MeSchema>
