import { createHash, randomBytes } from 'node:crypto'
import type { Invitation, Member, WorkspaceSummary } from '@courier/shared'
import { CourierError } from '../errors.js'
import type { Store } from '../storage/store.js'
import { can, type Actor, type Role } from './scope.js'

/** An invitation link works once, for a week. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000
const NOT_FOUND = 'That workspace does not exist, or you are not a member of it.'
const hash = (token: string) => createHash('sha256').update(token).digest('hex')

/**
 * Managing a workspace: its members and their roles, invitations, renaming. Every operation checks
 * the actor's role in the named workspace first; not a member reads as "no such workspace".
 */
export class WorkspaceAdmin {
  constructor(
    private readonly store: Pick<Store, 'memberships' | 'invitations' | 'audit'>,
    private readonly now: () => number = Date.now,
  ) {}

  async roleIn(workspaceId: string, actor: Actor): Promise<Role> {
    const role = await this.store.memberships.roleOf(workspaceId, actor.userId)
    if (!role) throw new CourierError('NOT_FOUND', NOT_FOUND)
    return role
  }

  private async requireManager(workspaceId: string, actor: Actor): Promise<Role> {
    const role = await this.roleIn(workspaceId, actor)
    if (!can.manageMembers(role))
      throw new CourierError('FORBIDDEN', 'Only owners and admins of this workspace can manage its members.')
    return role
  }

  async list(actor: Actor): Promise<WorkspaceSummary[]> {
    return this.store.memberships.listFor(actor.userId)
  }

  async create(actor: Actor, name: string): Promise<WorkspaceSummary> {
    const workspace = await this.store.memberships.createWorkspace(name, 'team', actor.userId)
    await this.audit(actor, workspace.id, 'workspace.create', workspace.id, { name })
    return { ...workspace, role: 'owner' }
  }

  async rename(actor: Actor, workspaceId: string, name: string): Promise<void> {
    await this.requireManager(workspaceId, actor)
    await this.store.memberships.rename(workspaceId, name)
    await this.audit(actor, workspaceId, 'workspace.rename', workspaceId, { name })
  }

  async members(actor: Actor, workspaceId: string): Promise<Member[]> {
    await this.roleIn(workspaceId, actor)
    return this.store.memberships.members(workspaceId)
  }

  async setRole(actor: Actor, workspaceId: string, userId: string, role: Role): Promise<void> {
    const mine = await this.requireManager(workspaceId, actor)
    const theirs = await this.store.memberships.roleOf(workspaceId, userId)
    if (!theirs) throw new CourierError('NOT_FOUND', 'That person is not a member of this workspace.')
    if ((role === 'owner' || theirs === 'owner') && mine !== 'owner')
      throw new CourierError('FORBIDDEN', 'Only an owner can make someone an owner or change an owner’s role.')
    if (theirs === 'owner' && role !== 'owner') await this.keepAnOwner(workspaceId)
    await this.store.memberships.setRole(workspaceId, userId, role)
    await this.audit(actor, workspaceId, 'member.role', userId, { from: theirs, to: role })
  }

  async remove(actor: Actor, workspaceId: string, userId: string): Promise<void> {
    const leaving = userId === actor.userId
    const mine = leaving ? await this.roleIn(workspaceId, actor) : await this.requireManager(workspaceId, actor)
    const theirs = await this.store.memberships.roleOf(workspaceId, userId)
    if (!theirs) throw new CourierError('NOT_FOUND', 'That person is not a member of this workspace.')
    if (theirs === 'owner' && mine !== 'owner' && !leaving)
      throw new CourierError('FORBIDDEN', 'Only an owner can remove an owner.')
    if (theirs === 'owner') await this.keepAnOwner(workspaceId)
    await this.store.memberships.removeMember(workspaceId, userId)
    await this.audit(actor, workspaceId, leaving ? 'member.leave' : 'member.remove', userId, { role: theirs })
  }

  async invite(actor: Actor, workspaceId: string, role: Exclude<Role, 'owner'>): Promise<Invitation> {
    await this.requireManager(workspaceId, actor)
    const workspace = await this.store.memberships.get(workspaceId)
    if (workspace?.kind === 'personal')
      throw new CourierError(
        'INVALID_REQUEST',
        'A personal workspace is yours alone; create a team workspace to invite people.',
      )
    const token = randomBytes(32).toString('base64url')
    const at = new Date(this.now())
    const expiresAt = new Date(this.now() + INVITATION_TTL_MS).toISOString()
    await this.store.invitations.add({
      hash: hash(token),
      workspaceId,
      role,
      createdBy: actor.userId,
      at: at.toISOString(),
      expiresAt,
    })
    await this.audit(actor, workspaceId, 'invitation.create', null, { role })
    return { path: `/?invite=${token}`, role, expiresAt }
  }

  /** Joins the invitation's workspace with its role; a member keeps the higher of the two roles. */
  async accept(actor: Actor, token: string): Promise<WorkspaceSummary> {
    const invitation = await this.store.invitations.consume(hash(token), new Date(this.now()).toISOString())
    if (!invitation)
      throw new CourierError('NOT_FOUND', 'This invitation link was already used or has expired; ask for a new one.')
    const current = await this.store.memberships.roleOf(invitation.workspaceId, actor.userId)
    const RANK = { viewer: 0, editor: 1, admin: 2, owner: 3 } as const
    const role = current && RANK[current] >= RANK[invitation.role] ? current : invitation.role
    await this.store.memberships.setRole(invitation.workspaceId, actor.userId, role)
    await this.audit(actor, invitation.workspaceId, 'invitation.accept', actor.userId, { role })
    const workspace = (await this.store.memberships.get(invitation.workspaceId))!
    return { ...workspace, role }
  }

  private async keepAnOwner(workspaceId: string): Promise<void> {
    if ((await this.store.memberships.ownerCount(workspaceId)) <= 1)
      throw new CourierError('INVALID_REQUEST', 'A workspace needs an owner: make someone else an owner first.')
  }

  private audit(
    actor: Actor,
    workspaceId: string,
    action: string,
    target: string | null,
    detail: Record<string, unknown>,
  ) {
    return this.store.audit.append({ userId: actor.userId, workspaceId, action, target, detail })
  }
}
