import { inheritedAuth } from '@courier/shared'
import { AuthPanel } from '../features/auth'
import { CollectionSettingsDialog, type SettingsTarget } from '../features/collections'
import { useInheritChain } from '../features/environments'
import { withOpener } from './with-opener'

type CollectionSettingsProps = {
  target: SettingsTarget | null
  onClose: () => void
  environmentId: string | null
  /** Opens the settings of the level an inherited auth comes from. */
  onOpenSettings: (target: SettingsTarget) => void
}

/** The settings of a collection or folder, with an Auth tab that shows what a folder inherits. */
export function CollectionSettings({ target, onClose, environmentId, onOpenSettings }: CollectionSettingsProps) {
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
            inherited={withOpener(inheritedAuth(settingsChain), onOpenSettings)}
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
