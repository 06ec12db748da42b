import { WorkspaceStateSchema, type WorkspaceState } from '@courier/shared'

/**
 * The open tabs and drafts as last typed, kept in this browser while the server could not take
 * them (offline, session ended), so a sign-in (which reloads the page) or a reload loses nothing.
 * Keyed like the outbox: per server, person and workspace. Removed once the server has them.
 */
export const keptWorkspaceKey = (outboxKey: string) => `${outboxKey}:workspace`

export function readKeptWorkspace(key: string, storage: Storage = localStorage): WorkspaceState | null {
  try {
    const raw = storage.getItem(key)
    if (!raw) return null
    const parsed = WorkspaceStateSchema.safeParse(JSON.parse(raw))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

export function keepWorkspace(key: string, body: string, storage: Storage = localStorage): void {
  try {
    storage.setItem(key, body)
  } catch {
    /* storage full or refused: the page still holds the drafts */
  }
}

export function forgetKeptWorkspace(key: string, storage: Storage = localStorage): void {
  try {
    storage.removeItem(key)
  } catch {
    /* nothing to do */
  }
}
