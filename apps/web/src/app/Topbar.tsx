import { EnvironmentPicker } from '../features/environments'
import { WorkspaceSwitcher } from '../features/team'
import { GitButton } from '../features/workspace-files'
import { AccountMenu } from './AccountMenu'

type TopbarProps = {
  environmentId: string | null
  onEnvironment: (environmentId: string | null) => void
  /** The server's version, once known. */
  version: string | undefined
  onOpen: (dialog: 'settings' | 'environments' | 'palette' | 'members') => void
  /** Which view holds the editor's place (Capture, Mocks, Git), and how to switch: null is the requests. */
  view: TopbarView
  onView: (view: TopbarView) => void
}

export type TopbarView = 'capture' | 'mocks' | 'git' | null

/** The top bar: brand, the command palette trigger, the environment, the version, Settings. */
export function Topbar({ environmentId, onEnvironment, version, onOpen, view, onView }: TopbarProps) {
  return (
    <header className="topbar">
      <div className="brand">
        <img src="/favicon.svg" alt="" width="20" height="20" />
        <span className="brand__name">Courier</span>
      </div>
      <button type="button" className="palette-trigger" onClick={() => onOpen('palette')}>
        Search or jump to… <kbd>Ctrl</kbd> <kbd>K</kbd>
      </button>
      <div className="topbar__actions">
        <nav className="topbar__views" aria-label="Views">
          {(['capture', 'mocks'] as const).map((name) => (
            <button
              key={name}
              type="button"
              className={`button button--small button--ghost${view === name ? ' is-active' : ''}`}
              aria-pressed={view === name}
              onClick={() => onView(view === name ? null : name)}
            >
              {name === 'capture' ? 'Capture' : 'Mocks'}
            </button>
          ))}
          <GitButton active={view === 'git'} onToggle={() => onView(view === 'git' ? null : 'git')} />
        </nav>
        <WorkspaceSwitcher onManage={() => onOpen('members')} />
        <EnvironmentPicker value={environmentId} onChange={onEnvironment} onManage={() => onOpen('environments')} />
        <span className="topbar__meta">{version ? `v${version}` : ''}</span>
        <button type="button" className="button button--small button--ghost" onClick={() => onOpen('settings')}>
          Settings
        </button>
        <AccountMenu />
      </div>
    </header>
  )
}
