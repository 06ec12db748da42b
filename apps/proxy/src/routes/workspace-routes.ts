import { Readable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import {
  AcceptInvitationSchema,
  AuditExportQuerySchema,
  AuditQuerySchema,
  CopyCollectionSchema,
  IdParamsSchema,
  CreateInvitationSchema,
  CreateWorkspaceSchema,
  MemberParamsSchema,
  RenameWorkspaceSchema,
  SetRoleSchema,
  TEAM_PATHS as P,
  WorkspaceParamsSchema,
} from '@courier/shared'
import { CourierError } from '../errors.js'
import { copyCollection } from '../import-export/copy-collection.js'
import { auditExport } from '../team/audit-export.js'
import { can } from '../team/scope.js'
import { WorkspaceAdmin } from '../team/workspace-admin.js'
import { parseInput } from './parse-input.js'

export type WorkspaceRoutesOptions = { team: boolean; now?: () => number }

/** Team mode: the workspaces a person belongs to, their members and roles, invitations, the audit log. */
export default async function workspaceRoutes(fastify: FastifyInstance, options: WorkspaceRoutesOptions) {
  const admin = new WorkspaceAdmin(fastify.store, options.now)
  const teamOnly = () => {
    if (!options.team)
      throw new CourierError('NOT_FOUND', 'Workspaces and members exist on a team server (courier serve --team).')
  }

  fastify.get(P.workspaces, async (request) => {
    teamOnly()
    return admin.list(request.actor)
  })

  fastify.post(P.workspaces, async (request, reply) => {
    teamOnly()
    const { name } = parseInput(CreateWorkspaceSchema, request.body)
    reply.code(201)
    return admin.create(request.actor, name)
  })

  fastify.patch(P.workspace, async (request, reply) => {
    teamOnly()
    const { workspaceId } = parseInput(WorkspaceParamsSchema, request.params)
    await admin.rename(request.actor, workspaceId, parseInput(RenameWorkspaceSchema, request.body).name)
    return reply.code(204).send()
  })

  fastify.get(P.members, async (request) => {
    teamOnly()
    const { workspaceId } = parseInput(WorkspaceParamsSchema, request.params)
    return admin.members(request.actor, workspaceId)
  })

  fastify.put(P.member, async (request) => {
    teamOnly()
    const { workspaceId, userId } = parseInput(MemberParamsSchema, request.params)
    await admin.setRole(request.actor, workspaceId, userId, parseInput(SetRoleSchema, request.body).role)
    return admin.members(request.actor, workspaceId)
  })

  fastify.delete(P.member, async (request, reply) => {
    teamOnly()
    const { workspaceId, userId } = parseInput(MemberParamsSchema, request.params)
    await admin.remove(request.actor, workspaceId, userId)
    return reply.code(204).send()
  })

  fastify.post(P.invitations, async (request, reply) => {
    teamOnly()
    const { workspaceId } = parseInput(WorkspaceParamsSchema, request.params)
    const { role } = parseInput(CreateInvitationSchema, request.body)
    reply.code(201)
    return admin.invite(request.actor, workspaceId, role)
  })

  fastify.post(P.acceptInvitation, async (request) => {
    teamOnly()
    return admin.accept(request.actor, parseInput(AcceptInvitationSchema, request.body).token)
  })

  // Sharing a personal collection with a team, or taking a team's back: a copy, the source untouched.
  // Copying out only reads the source, so a viewer there may; the target's role is checked here.
  fastify.post(P.copyCollection, { config: { personal: true } }, async (request, reply) => {
    teamOnly()
    const { id } = parseInput(IdParamsSchema, request.params)
    const { workspaceId, environmentIds } = parseInput(CopyCollectionSchema, request.body)
    const role = await admin.roleIn(workspaceId, request.actor)
    if (!can.save(role))
      throw new CourierError(
        'FORBIDDEN',
        'Viewers cannot add collections to that workspace; ask an owner or admin for the editor role.',
      )
    const target = fastify.store.inWorkspace(workspaceId)
    const copied = await copyCollection(request.scope.data, target, id, environmentIds)
    await fastify.store.audit.append({
      userId: request.actor.userId,
      workspaceId,
      action: 'collection.copy-in',
      target: copied.collections[0]?.id ?? null,
      detail: {
        from: request.scope.workspaceId,
        name: copied.collections[0]?.name,
        environments: copied.environments.length,
      },
    })
    reply.code(201)
    return copied
  })

  fastify.get(P.audit, async (request) => {
    teamOnly()
    const { workspaceId } = parseInput(WorkspaceParamsSchema, request.params)
    const role = await admin.roleIn(workspaceId, request.actor)
    if (!can.manageMembers(role))
      throw new CourierError('FORBIDDEN', 'Only owners and admins of this workspace can read its audit log.')
    return fastify.store.audit.list(workspaceId, parseInput(AuditQuerySchema, request.query))
  })

  fastify.get(P.auditExport, async (request, reply) => {
    teamOnly()
    const { workspaceId } = parseInput(WorkspaceParamsSchema, request.params)
    const { format } = parseInput(AuditExportQuerySchema, request.query)
    const role = await admin.roleIn(workspaceId, request.actor)
    if (!can.manageMembers(role))
      throw new CourierError('FORBIDDEN', 'Only owners and admins of this workspace can export its audit log.')
    reply.header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
    reply.header('content-disposition', `attachment; filename="courier-audit.${format}"`)
    return reply.send(Readable.from(auditExport(fastify.store.audit, workspaceId, format)))
  })
}
