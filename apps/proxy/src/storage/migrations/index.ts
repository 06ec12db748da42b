import type { Migration } from 'kysely'
import { migration as m0001 } from './0001-history.js'
import { migration as m0002 } from './0002-settings.js'
import { migration as m0003 } from './0003-cookie-jars.js'

/**
 * Numbered schema changes, run in order at start-up. Never edit a released one: add the next file
 * and list it here. Written with Kysely's schema builder so SQLite and PostgreSQL share them.
 */
export const migrations: Record<string, Migration> = {
  '0001-history': m0001,
  '0002-settings': m0002,
  '0003-cookie-jars': m0003,
}
