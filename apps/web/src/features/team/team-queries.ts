import { teamEndpoints } from '@courier/shared'
import { queryOptions } from '@tanstack/react-query'
import { callEndpoint } from '../../shared/api/proxy-client'

export { meOptions } from '../../shared/api/me-query'

export const membersOptions = (workspaceId: string) =>
  queryOptions({
    queryKey: ['members', workspaceId],
    queryFn: ({ signal }) => callEndpoint(teamEndpoints.listMembers, { params: { workspaceId } }, signal),
  })
