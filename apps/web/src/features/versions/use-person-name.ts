import { teamEndpoints } from '@courier/shared'
import { useQuery } from '@tanstack/react-query'
import { currentWorkspace } from '../../shared/api/current-workspace'
import { callEndpoint } from '../../shared/api/proxy-client'
import { meOptions } from '../../shared/api/me-query'

/**
 * Versions and trash name people by user id; a person reads a name. On a team server this answers
 * "you" for the signed-in person and the member's name for a teammate (the same queries the team
 * feature keeps, so no extra request); in single-user mode, and for someone no longer a member, `who()`.
 */
export function usePersonName(): (userId: string | null | undefined) => string | undefined {
  const me = useQuery(meOptions()).data
  const chosen = currentWorkspace()
  const workspaceId = me?.team
    ? (me.workspaces.find((w) => w.id === chosen) ?? me.workspaces.find((w) => w.kind === 'personal'))?.id
    : undefined
  const members = useQuery({
    queryKey: ['members', workspaceId ?? ''],
    queryFn: ({ signal }) => callEndpoint(teamEndpoints.listMembers, { params: { workspaceId: workspaceId! } }, signal),
    enabled: workspaceId !== undefined,
  }).data
  return (userId) => {
    if (!me?.team || !userId) return undefined
    if (userId === me.actor.userId) return 'you'
    return members?.find((member) => member.userId === userId)?.name
  }
}
