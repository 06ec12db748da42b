import type { Me, WorkspaceSummary } from '@courier/shared'
import { currentWorkspace } from '../../shared/api/current-workspace'

/** The workspace this page works in: the chosen one if the person still belongs to it, else their personal one. */
export function activeWorkspace(me: Me | undefined): WorkspaceSummary | undefined {
  if (!me?.team) return undefined
  const chosen = currentWorkspace()
  return (
    me.workspaces.find((w) => w.id === chosen) ?? me.workspaces.find((w) => w.kind === 'personal') ?? me.workspaces[0]
  )
}
