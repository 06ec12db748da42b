import type { SecretBox } from '../secrets/secret-box.js'
import { createCollectionStore } from './collection-store.js'
import { openDatabase, type DatabaseTarget } from './database.js'
import { createEnvironmentStore } from './environment-store.js'
import { createWorkspaceStore } from './workspace-store.js'
import { createHistoryStore } from './history-store.js'
import { createCookieJarStore, createSettingsStore } from './key-value-stores.js'
import type { Store } from './store.js'
import { createOAuthStore } from './oauth-store.js'
import { createSessionStore } from './session-store.js'

/** Opens the database and every store on it; secrets inside are sealed with `secrets`. */
export async function openStore(target: DatabaseTarget, secrets: SecretBox): Promise<Store> {
  const db = await openDatabase(target)
  return {
    kind: target.kind,
    history: createHistoryStore(db, secrets),
    settings: createSettingsStore(db),
    cookieJars: createCookieJarStore(db, secrets),
    collections: createCollectionStore(db, secrets),
    environments: createEnvironmentStore(db, secrets),
    workspace: createWorkspaceStore(db),
    oauth: createOAuthStore(db),
    sessions: createSessionStore(db),
    close: () => db.destroy(),
  }
}
