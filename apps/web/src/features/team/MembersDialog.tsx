import { RoleSchema, teamEndpoints, type Invitation, type Role } from '@courier/shared'
import './team.css'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { callEndpoint } from '../../shared/api/proxy-client'
import { Dialog } from '../../shared/ui/Dialog'
import { ErrorAlert, errorParts } from '../../shared/ui/ErrorAlert'
import { membersOptions, meOptions } from './team-queries'
import { activeWorkspace } from './use-current-workspace'

type MembersDialogProps = { open: boolean; onClose: () => void }
const INVITABLE = RoleSchema.options.filter((role) => role !== 'owner')

/** The workspace's members and roles; owners and admins change roles, remove people and create invitation links. */
export function MembersDialog({ open, onClose }: MembersDialogProps) {
  const queryClient = useQueryClient()
  const { data: me } = useQuery(meOptions())
  const workspace = activeWorkspace(me)
  const workspaceId = workspace?.id ?? ''
  const members = useQuery({ ...membersOptions(workspaceId), enabled: open && workspaceId !== '' })
  const manager = workspace?.role === 'owner' || workspace?.role === 'admin'
  const [inviteRole, setInviteRole] = useState<Exclude<Role, 'owner'>>('editor')
  const [invitation, setInvitation] = useState<Invitation | null>(null)
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['members', workspaceId] })
  const setRole = useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) =>
      callEndpoint(teamEndpoints.setRole, { params: { workspaceId, userId }, body: { role } }),
    onSettled: refresh,
  })
  const remove = useMutation({
    mutationFn: (userId: string) => callEndpoint(teamEndpoints.removeMember, { params: { workspaceId, userId } }),
    onSettled: refresh,
  })
  const invite = useMutation({
    mutationFn: () =>
      callEndpoint(teamEndpoints.createInvitation, { params: { workspaceId }, body: { role: inviteRole } }),
    onSuccess: setInvitation,
  })
  const failure = setRole.error ?? remove.error ?? invite.error ?? members.error
  const link = invitation ? new URL(invitation.path, window.location.origin).toString() : ''
  // A link is shown once: opened again, the dialog does not offer one that may be used up by now.
  const close = () => {
    setInvitation(null)
    onClose()
  }

  return (
    <Dialog title={`Members of ${workspace?.name ?? 'this workspace'}`} open={open} onClose={close} wide>
      {failure ? <ErrorAlert {...errorParts(failure)} /> : null}
      <table className="data-table members-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(members.data ?? []).map((member) => (
            <tr key={member.userId}>
              <td>{member.name}</td>
              <td>{member.email}</td>
              <td>
                {manager ? (
                  <select
                    aria-label={`Role of ${member.name}`}
                    value={member.role}
                    onChange={(event) => setRole.mutate({ userId: member.userId, role: event.target.value as Role })}
                  >
                    {RoleSchema.options.map((role) => (
                      <option key={role} value={role}>
                        {role}
                      </option>
                    ))}
                  </select>
                ) : (
                  member.role
                )}
              </td>
              <td>
                {manager || member.userId === me?.actor.userId ? (
                  <button
                    type="button"
                    className="button button--small button--danger"
                    onClick={() => {
                      const leaving = member.userId === me?.actor.userId
                      const place = workspace?.name ?? 'this workspace'
                      const question = leaving
                        ? `Leave ${place}? You lose access to its collections at once.`
                        : `Remove ${member.name} from ${place}? They lose access at once.`
                      if (window.confirm(question)) remove.mutate(member.userId)
                    }}
                  >
                    {member.userId === me?.actor.userId ? 'Leave' : `Remove ${member.name}`}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {manager && workspace?.kind === 'team' ? (
        <section className="members-invite" aria-label="Invite someone">
          <h3>Invite someone</h3>
          <div className="members-invite__row">
            <label>
              Role for the invitation{' '}
              <select value={inviteRole} onChange={(event) => setInviteRole(event.target.value as typeof inviteRole)}>
                {INVITABLE.map((role) => (
                  <option key={role} value={role}>
                    {role}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" className="button" onClick={() => invite.mutate()} disabled={invite.isPending}>
              Create invitation link
            </button>
          </div>
          {invitation ? (
            <p className="members-invite__link">
              <label>
                Invitation link <input readOnly value={link} onFocus={(event) => event.target.select()} />
              </label>
              <span className="hint">
                Works once, until {new Date(invitation.expiresAt).toLocaleString()}; whoever opens it signed in joins as{' '}
                {invitation.role}.
              </span>
            </p>
          ) : null}
        </section>
      ) : workspace?.kind === 'personal' ? (
        <p className="hint">A personal workspace is yours alone. Switch to a team workspace to invite people.</p>
      ) : null}
    </Dialog>
  )
}
