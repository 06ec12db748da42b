import { z } from 'zod'

/** Team mode's wire shapes: workspaces, members, invitations, the audit log. */
export const RoleSchema = z.enum(['owner', 'admin', 'editor', 'viewer'])
export type Role = z.infer<typeof RoleSchema>

export const WorkspaceSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['personal', 'team']),
  role: RoleSchema,
  createdAt: z.string(),
})
export type WorkspaceSummary = z.infer<typeof WorkspaceSummarySchema>

export const CreateWorkspaceSchema = z.object({ name: z.string().trim().min(1).max(200) })
export const RenameWorkspaceSchema = CreateWorkspaceSchema

export const MemberSchema = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  joinedAt: z.string(),
})
export type Member = z.infer<typeof MemberSchema>

export const WorkspaceParamsSchema = z.object({ workspaceId: z.string().min(1).max(200) })
export const MemberParamsSchema = WorkspaceParamsSchema.extend({ userId: z.string().min(1).max(200) })
export const SetRoleSchema = z.object({ role: RoleSchema })

export const CreateInvitationSchema = z.object({ role: RoleSchema.exclude(['owner']) })
/** A fresh invitation: the path to open (with its one-time token) and when it stops working. */
export const InvitationSchema = z.object({ path: z.string(), role: RoleSchema, expiresAt: z.string() })
export type Invitation = z.infer<typeof InvitationSchema>
export const AcceptInvitationSchema = z.object({ token: z.string().min(16).max(200) })

export const AuditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  userId: z.string().nullable(),
  workspaceId: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
})
export type AuditEntry = z.infer<typeof AuditEntrySchema>
export const AuditQuerySchema = z.object({
  before: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
})
export const AuditPageSchema = z.object({ items: z.array(AuditEntrySchema), nextCursor: z.string().nullable() })
/** The whole audit log of a workspace as one file: CSV (a spreadsheet) or JSON (an array of AuditEntry). */
export const AuditExportQuerySchema = z.object({ format: z.enum(['csv', 'json']).default('json') })

/** Copies a collection (and chosen environments) into another workspace: sharing a personal collection with a team, or taking one back. */
export const CopyCollectionSchema = z.object({
  workspaceId: z.string().min(1).max(200),
  environmentIds: z.array(z.string().min(1).max(200)).max(100).default([]),
})

/** Paths of the team routes (the `workspaceId` param names the workspace; membership is checked on each). */
export const TEAM_PATHS = {
  workspaces: '/api/workspaces',
  workspace: '/api/workspaces/:workspaceId',
  members: '/api/workspaces/:workspaceId/members',
  member: '/api/workspaces/:workspaceId/members/:userId',
  invitations: '/api/workspaces/:workspaceId/invitations',
  audit: '/api/workspaces/:workspaceId/audit',
  auditExport: '/api/workspaces/:workspaceId/audit/export',
  acceptInvitation: '/api/invitations/accept',
  copyCollection: '/api/collections/:id/copy',
} as const

const ImportCommittedShape = z.object({ collections: z.array(z.unknown()), environments: z.array(z.unknown()) })

/** The team routes as endpoint entries (for the web app's callEndpoint). */
export const teamEndpoints = {
  listWorkspaces: { method: 'GET', path: TEAM_PATHS.workspaces, response: z.array(WorkspaceSummarySchema) },
  createWorkspace: {
    method: 'POST',
    path: TEAM_PATHS.workspaces,
    body: CreateWorkspaceSchema,
    response: WorkspaceSummarySchema,
  },
  listMembers: {
    method: 'GET',
    path: TEAM_PATHS.members,
    params: WorkspaceParamsSchema,
    response: z.array(MemberSchema),
  },
  setRole: {
    method: 'PUT',
    path: TEAM_PATHS.member,
    params: MemberParamsSchema,
    body: SetRoleSchema,
    response: z.array(MemberSchema),
  },
  removeMember: { method: 'DELETE', path: TEAM_PATHS.member, params: MemberParamsSchema, response: z.null() },
  createInvitation: {
    method: 'POST',
    path: TEAM_PATHS.invitations,
    params: WorkspaceParamsSchema,
    body: CreateInvitationSchema,
    response: InvitationSchema,
  },
  acceptInvitation: {
    method: 'POST',
    path: TEAM_PATHS.acceptInvitation,
    body: AcceptInvitationSchema,
    response: WorkspaceSummarySchema,
  },
  copyCollection: {
    method: 'POST',
    path: TEAM_PATHS.copyCollection,
    params: z.object({ id: z.string() }),
    body: CopyCollectionSchema,
    response: ImportCommittedShape,
  },
  audit: {
    method: 'GET',
    path: TEAM_PATHS.audit,
    params: WorkspaceParamsSchema,
    query: AuditQuerySchema,
    response: AuditPageSchema,
  },
} as const
