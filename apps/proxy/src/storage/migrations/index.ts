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
import { migration as m0011 } from './0011-team.js'
import { migration as m0013 } from './0013-presence.js'
import { migration as m0016 } from './0016-send-leases.js'
import { migration as m0018 } from './0018-credential-failures.js'
import { migration as m0019 } from './0019-oidc-flows.js'
import { migration as m0017 } from './0017-blob-chunks.js'
import { migration as m0020 } from './0020-runs.js'
import { migration as m0021 } from './0021-history-filter-indexes.js'
import { migration as m0022 } from './0022-history-body.js'
import { migration as m0023 } from './0023-capture.js'
import { migration as m0024 } from './0024-mocks.js'

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
  '0011-team': m0011,
  '0013-presence': m0013,
  '0016-send-leases': m0016,
  '0018-credential-failures': m0018,
  '0019-oidc-flows': m0019,
  '0017-blob-chunks': m0017,
  '0020-runs': m0020,
  '0021-history-filter-indexes': m0021,
  '0022-history-body': m0022,
  '0023-capture': m0023,
  '0024-mocks': m0024,
}
