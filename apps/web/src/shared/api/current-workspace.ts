import { WORKSPACE_HEADER } from '@courier/shared'

const KEY = 'courier.workspace'

/** The team workspace this page works in (team mode), remembered per browser; null = the person's personal one. */
export function currentWorkspace(): string | null {
  try {
    return localStorage.getItem(KEY)
  } catch {
    return null
  }
}

/** Switches workspace: every query belongs to the old one, so the page starts over in the new one. */
export function switchWorkspace(id: string | null, reload: () => void = () => window.location.reload()): void {
  try {
    if (id === null) localStorage.removeItem(KEY)
    else localStorage.setItem(KEY, id)
  } catch {
    /* storage unavailable: the switch lasts for this page only */
  }
  reload()
}

/** The header every API call carries so the server scopes it to the current workspace. */
export function workspaceHeaders(): Record<string, string> {
  const id = currentWorkspace()
  return id ? { [WORKSPACE_HEADER]: id } : {}
}
