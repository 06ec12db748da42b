import { useMutation, useQuery } from '@tanstack/react-query'
import { endpoints } from '@courier/shared'
import { callEndpoint } from '../shared/api/proxy-client'
import { meOptions } from '../shared/api/me-query'

/** Team server: who is signed in, and Sign out. Single-user Courier shows nothing here. */
export function AccountMenu() {
  const { data } = useQuery(meOptions())
  const signOut = useMutation({
    mutationFn: () => callEndpoint(endpoints.signOut, { body: {} }),
    onSuccess: () => window.location.assign('/sign-in'),
  })
  if (!data?.team) return null
  return (
    <>
      <span className="topbar__meta" title={data.actor.email ?? undefined}>
        {data.actor.name}
      </span>
      <button
        type="button"
        className="button button--small button--ghost"
        onClick={() => signOut.mutate()}
        disabled={signOut.isPending}
      >
        Sign out
      </button>
    </>
  )
}
