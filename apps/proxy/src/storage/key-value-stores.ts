import type { Kysely } from 'kysely'
import { SecretBox } from '../secrets/secret-box.js'
import type { Database } from './schema.js'
import { readCacheOf } from './read-cache.js'
import type { CookieJarStore, SettingsStore } from './store.js'

/** Settings are read on every send: kept in memory (read-cache.ts), dropped by every write on any instance. */
export function createSettingsStore(db: Kysely<Database>): SettingsStore {
  const cache = readCacheOf(db)
  return {
    get<T>(key: string) {
      return cache.read(`setting\0${key}`, async () => {
        const row = await db.selectFrom('settings').select('value_json').where('key', '=', key).executeTakeFirst()
        return row ? (JSON.parse(row.value_json) as T) : undefined
      })
    },
    put(key: string, value: unknown) {
      const values = { key, value_json: JSON.stringify(value), updated_at: new Date().toISOString() }
      return cache.invalidateAfter(async () => {
        await db
          .insertInto('settings')
          .values(values)
          .onConflict((c) =>
            c.column('key').doUpdateSet({ value_json: values.value_json, updated_at: values.updated_at }),
          )
          .execute()
      })
    },
  }
}

/**
 * Cookie jars are sealed whole: session cookies are credentials (docs/security.md#secrets-at-rest). A jar written
 * before sealing began is read as it is and sealed on its next write.
 */
export function createCookieJarStore(db: Kysely<Database>, secrets: SecretBox): CookieJarStore {
  return {
    async load(id: string) {
      const row = await db.selectFrom('cookie_jars').select('json').where('id', '=', id).executeTakeFirst()
      if (!row) return undefined
      return SecretBox.isSealed(row.json) ? secrets.open(row.json) : row.json
    },
    async save(id: string, plain: string) {
      const json = secrets.seal(plain)
      const updated_at = new Date().toISOString()
      await db
        .insertInto('cookie_jars')
        .values({ id, json, updated_at })
        .onConflict((c) => c.column('id').doUpdateSet({ json, updated_at }))
        .execute()
    },
  }
}
