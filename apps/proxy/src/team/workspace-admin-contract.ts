import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { newId } from '../ids.js'
import type { Store } from '../storage/store.js'
import type { Actor } from './scope.js'
import { INVITATION_TTL_MS, WorkspaceAdmin } from './workspace-admin.js'

const person = (name: string): Actor => ({ userId: newId(), email: `${name}@team.test`, name, via: 'session' })
const tokenOf = (path: string) => new URLSearchParams(path.split('?')[1]).get('invite')!

/** Roles, invitations and removal on a real store; both dialects run it. */
export function describeWorkspaceAdmin(name: string, open: () => Promise<Store>) {
  describe(`${name}: managing a team workspace`, () => {
    let store: Store
    let clock = Date.now()
    let admin: WorkspaceAdmin
    const ann = person('ann')
    const bob = person('bob')
    const eve = person('eve')
    beforeEach(async () => {
      store = await open()
      clock = Date.now()
      admin = new WorkspaceAdmin(store, () => clock)
    })
    afterEach(async () => {
      await store.close()
    })

    it('invites by a one-time link, changes roles, removes at once, and audits each step', async () => {
      const team = await admin.create(ann, 'Payments')
      expect(team).toMatchObject({ kind: 'team', role: 'owner' })
      const invitation = await admin.invite(ann, team.id, 'editor')
      expect(await admin.accept(bob, tokenOf(invitation.path))).toMatchObject({ id: team.id, role: 'editor' })
      await expect(admin.accept(eve, tokenOf(invitation.path))).rejects.toMatchObject({ code: 'NOT_FOUND' })
      expect(await store.memberships.roleOf(team.id, eve.userId)).toBeUndefined()

      // An editor manages nobody; an owner changes roles; a removal holds on the very next check.
      await expect(admin.setRole(bob, team.id, ann.userId, 'viewer')).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await admin.setRole(ann, team.id, bob.userId, 'viewer')
      expect(await store.memberships.roleOf(team.id, bob.userId)).toBe('viewer')
      await admin.remove(ann, team.id, bob.userId)
      expect(await store.memberships.roleOf(team.id, bob.userId)).toBeUndefined()
      await expect(admin.roleIn(team.id, bob)).rejects.toMatchObject({ code: 'NOT_FOUND' })

      const actions = (await store.audit.list(team.id, { limit: 20 })).items.map((entry) => entry.action)
      expect(actions).toEqual([
        'member.remove',
        'member.role',
        'invitation.accept',
        'invitation.create',
        'workspace.create',
      ])
    })

    it('answers a non-member exactly as a workspace that does not exist', async () => {
      const team = await admin.create(ann, 'Private')
      for (const workspaceId of [team.id, newId()]) {
        for (const attempt of [
          () => admin.members(eve, workspaceId),
          () => admin.invite(eve, workspaceId, 'viewer'),
          () => admin.rename(eve, workspaceId, 'mine now'),
          () => admin.setRole(eve, workspaceId, eve.userId, 'owner'),
        ])
          await expect(attempt()).rejects.toMatchObject({
            code: 'NOT_FOUND',
            message: 'That workspace does not exist, or you are not a member of it.',
          })
      }
    })

    it('never leaves a workspace without an owner, and only owners make owners', async () => {
      const team = await admin.create(ann, 'Ops')
      await admin.accept(bob, tokenOf((await admin.invite(ann, team.id, 'admin')).path))
      await expect(admin.setRole(bob, team.id, bob.userId, 'owner')).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expect(admin.remove(bob, team.id, ann.userId)).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expect(admin.remove(ann, team.id, ann.userId)).rejects.toMatchObject({ code: 'INVALID_REQUEST' })
      await expect(admin.setRole(ann, team.id, ann.userId, 'editor')).rejects.toMatchObject({
        code: 'INVALID_REQUEST',
      })
      await admin.setRole(ann, team.id, bob.userId, 'owner')
      await admin.remove(ann, team.id, ann.userId) // another owner exists now: ann may leave
      expect(await store.memberships.roleOf(team.id, ann.userId)).toBeUndefined()
    })

    it('lets an invitation expire, and keeps a member’s higher role when they accept a lower one', async () => {
      const team = await admin.create(ann, 'Web')
      const late = await admin.invite(ann, team.id, 'viewer')
      clock += INVITATION_TTL_MS + 1
      await expect(admin.accept(bob, tokenOf(late.path))).rejects.toMatchObject({ code: 'NOT_FOUND' })
      const lower = await admin.invite(ann, team.id, 'viewer')
      expect(await admin.accept(ann, tokenOf(lower.path))).toMatchObject({ role: 'owner' })
    })

    it('refuses to invite into a personal workspace', async () => {
      const personal = await store.memberships.personalOf(ann.userId, 'Ann')
      await expect(admin.invite(ann, personal.id, 'editor')).rejects.toMatchObject({ code: 'INVALID_REQUEST' })
      expect((await admin.list(ann)).map((w) => w.kind)).toEqual(['personal'])
    })
  })
}
