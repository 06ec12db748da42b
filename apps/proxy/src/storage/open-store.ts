import { openDatabase, type DatabaseTarget } from './database.js'
import { createHistoryStore } from './history-store.js'
import { createCookieJarStore, createSettingsStore } from './key-value-stores.js'
import type { Store } from './store.js'

export async function openStore(target: DatabaseTarget): Promise<Store> {
  const db = await openDatabase(target)
  return {
    kind: target.kind,
    history: createHistoryStore(db),
    settings: createSettingsStore(db),
    cookieJars: createCookieJarStore(db),
    close: () => db.destroy(),
  }
}
