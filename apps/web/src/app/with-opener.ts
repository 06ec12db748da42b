import type { inheritedAuth } from '@courier/shared'
import type { InheritedAuth } from '../features/auth'
import type { SettingsTarget } from '../features/collections'

/** What a parent lends the Auth tab, with a button that opens that collection's or folder's settings on Auth. */
export function withOpener(
  found: ReturnType<typeof inheritedAuth>,
  openSettings: (target: SettingsTarget) => void,
): InheritedAuth | null {
  if (!found) return null
  const { level } = found
  const id = level.id
  return {
    auth: found.auth,
    from: found.from,
    level: { kind: level.kind, name: level.name },
    open: id ? () => openSettings({ kind: level.kind, id, section: 'auth' }) : undefined,
  }
}
