import { useQuery } from '@tanstack/react-query'
import { useState, type ReactNode } from 'react'
import { CopyToWorkspaceDialog } from './CopyToWorkspaceDialog'
import { MembersDialog } from './MembersDialog'
import { meOptions } from './team-queries'
import { useAcceptInvitation } from './use-accept-invitation'

type CopyTarget = { collectionId: string; name: string }

/** What the app shell needs of team mode: accept an invitation link, the tree's copy action, and the team dialogs. */
export function useTeamUi(
  notify: (sentence: string) => void,
  members: { open: boolean; onClose: () => void },
): { onCopyToWorkspace?: (target: CopyTarget) => void; dialogs: ReactNode } {
  useAcceptInvitation(notify)
  const team = useQuery(meOptions()).data?.team === true
  const [copying, setCopying] = useState<CopyTarget | null>(null)
  return {
    ...(team ? { onCopyToWorkspace: setCopying } : {}),
    dialogs: (
      <>
        <MembersDialog open={members.open} onClose={members.onClose} />
        <CopyToWorkspaceDialog target={copying} onClose={() => setCopying(null)} onCopied={notify} />
      </>
    ),
  }
}
