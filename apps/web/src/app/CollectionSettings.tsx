import { inheritedAuth } from '@courier/shared'
import { AuthPanel } from '../features/auth'
import { CollectionSettingsDialog, type SettingsTarget } from '../features/collections'
import { useInheritChain } from '../features/environments'

type CollectionSettingsProps = { target: SettingsTarget | null; onClose: () => void; environmentId: string | null }

/** The settings of a collection or folder, with an Auth tab that shows what a folder inherits. */
export function CollectionSettings({ target, onClose, environmentId }: CollectionSettingsProps) {
  const settingsChain = useInheritChain(target?.kind === 'folder' ? target.id : null)
  return (
    <CollectionSettingsDialog
      target={target}
      onClose={onClose}
      renderAuth={(auth, onChange) =>
        target?.kind === 'folder' ? (
          <AuthPanel
            auth={auth}
            onChange={onChange}
            inherited={inheritedAuth(settingsChain)}
            environmentId={environmentId}
          />
        ) : (
          // A collection is the top: "inherit" there simply means no auth.
          <AuthPanel
            auth={auth.type === 'inherit' ? { type: 'none' } : auth}
            onChange={onChange}
            environmentId={environmentId}
          />
        )
      }
    />
  )
}
