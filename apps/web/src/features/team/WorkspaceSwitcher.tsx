import { useQuery } from '@tanstack/react-query'
import { switchWorkspace } from '../../shared/api/current-workspace'
import { meOptions } from './team-queries'
import { activeWorkspace } from './use-current-workspace'
import './team.css'

type WorkspaceSwitcherProps = { onManage: () => void }

/** Team mode: which workspace the page works in, who is signed in, and the way to its members. Nothing in single-user mode. */
export function WorkspaceSwitcher({ onManage }: WorkspaceSwitcherProps) {
  const { data: me } = useQuery(meOptions())
  const active = activeWorkspace(me)
  if (!me?.team || !active) return null
  return (
    <div className="workspace-switcher">
      <select aria-label="Workspace" value={active.id} onChange={(event) => switchWorkspace(event.target.value)}>
        {me.workspaces.map((workspace) => (
          <option key={workspace.id} value={workspace.id}>
            {workspace.kind === 'personal' ? `${workspace.name} (personal)` : workspace.name}
          </option>
        ))}
      </select>
      <button type="button" className="button button--small button--ghost" onClick={onManage}>
        Members
      </button>
      <span className="workspace-switcher__role" title={`Your role in ${active.name}`}>
        {active.role}
      </span>
    </div>
  )
}
