import type { Migration } from 'kysely'
import { migration as m0001 } from './0001-history.js'
import { migration as m0002 } from './0002-settings.js'
import { migration as m0003 } from './0003-cookie-jars.js'
import { migration as m0004 } from './0004-oauth-tokens.js'
import { migration as m0005 } from './0005-oauth-flows.js'
import { migration as m0006 } from './0006-collections.js'
import { migration as m0007 } from './0007-environments.js'
import { migration as m0008 } from './0008-workspace.js'
import { migration as m0009 } from './0009-history-search.js'
import { migration as m0010 } from './0010-sessions.js'

/**
 * Numbered schema changes, run in order at start-up. Never edit a released one: add the next file
 * and list it here. Written with Kysely's schema builder so SQLite and PostgreSQL share them.
 */
export const migrations: Record<string, Migration> = {
  '0001-history': m0001,
  '0002-settings': m0002,
  '0003-cookie-jars': m0003,
  '0004-oauth-tokens': m0004,
  '0005-oauth-flows': m0005,
  '0006-collections': m0006,
  '0007-environments': m0007,
  '0008-workspace': m0008,
  '0009-history-search': m0009,
  '0010-sessions': m0010,
}
