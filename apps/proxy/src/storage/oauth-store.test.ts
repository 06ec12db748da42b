import { join } from 'node:path'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest'
import { newId } from '../ids.js'
import { openDatabase } from '../storage/database.js'
import { migration as oauthTokens } from '../storage/migrations/0004-oauth-tokens.js'
import { migration as oauthFlows } from '../storage/migrations/0005-oauth-flows.js'
import { describePostgres, freshSchema as schemaOfItsOwn } from '../test/postgres.js'
import { tempDataDir } from '../test/temp-dir.js'
import { createOAuthStore, type FlowRow, type OAuthStore } from './oauth-store.js'

function flow(overrides: Partial<FlowRow> = {}): FlowRow {
  const at = new Date().toISOString()
  return {
    id: newId(),
    state_hash: newId().replace(/-/g, ''),
    binding_hash: 'b'.repeat(64),
    environment_key: 'default',
    token_key: 'default',
    status: 'waiting',
    created_at: at,
    expires_at: new Date(Date.now() + 600_000).toISOString(),
    consumed_at: null,
    sealed: 'enc:v1:flow',
    view_json: '{}',
    updated_at: at,
    ...overrides,
  }
}

/** The OAuth store's behaviour on one dialect. */
function describeOAuthStore(name: string, open: () => Promise<Kysely<unknown>>) {
  describe(`${name} OAuth store`, () => {
    let db: Kysely<unknown>
    let store: OAuthStore
    beforeEach(async () => {
      db = await open()
      store = createOAuthStore(db)
    })
    afterEach(async () => {
      await db.destroy()
    })

    it('finds a flow by its state hash and lets exactly one caller consume it', async () => {
      const row = flow()
      await store.createFlow(row)
      expect(await store.findFlowByState(row.state_hash!)).toEqual(row)
      const results = await Promise.all(
        Array.from({ length: 8 }, () => store.consumeFlow(row.id, new Date().toISOString())),
      )
      expect(results.filter(Boolean)).toHaveLength(1)
      expect((await store.getFlow(row.id))!.consumed_at).not.toBeNull()
      expect(await store.findFlowByState('unknown')).toBeUndefined()
    })

    it('keeps flows without a state (direct grants) side by side', async () => {
      await store.createFlow(flow({ state_hash: null }))
      await store.createFlow(flow({ state_hash: null }))
      const row = flow({ state_hash: null })
      await store.createFlow(row)
      await store.updateFlow(row.id, { status: 'completed', view_json: '{"ok":true}' })
      expect(await store.getFlow(row.id)).toMatchObject({ status: 'completed', view_json: '{"ok":true}' })
    })

    it('refuses a second flow with the same state', async () => {
      const row = flow()
      await store.createFlow(row)
      await expect(store.createFlow(flow({ state_hash: row.state_hash }))).rejects.toThrow()
    })

    it('prunes flows older than a moment', async () => {
      const old = flow({ created_at: '2020-01-01T00:00:00.000Z' })
      await store.createFlow(old)
      const recent = flow()
      await store.createFlow(recent)
      expect(await store.pruneFlows('2021-01-01T00:00:00.000Z')).toBe(1)
      expect(await store.getFlow(old.id)).toBeUndefined()
      expect((await store.getFlow(recent.id))?.id).toBe(recent.id)
    })

    it('keeps one token set per environment and token key, replaced in place', async () => {
      await store.putToken('default', 'default', 'enc:v1:a')
      await store.putToken('env-1', 'default', 'enc:v1:b')
      await store.putToken('default', 'default', 'enc:v1:c')
      expect(await store.getToken('default', 'default')).toBe('enc:v1:c')
      expect(await store.getToken('env-1', 'default')).toBe('enc:v1:b')
      expect(await store.getToken('env-1', 'other')).toBeUndefined()
      expect(await store.deleteToken('env-1', 'default')).toBe(true)
      expect(await store.deleteToken('env-1', 'default')).toBe(false)
    })
  })
}

// SQLite: the whole migration chain, as Courier opens it.
describeOAuthStore(
  'sqlite',
  async () =>
    (await openDatabase({ kind: 'sqlite', path: join(tempDataDir(), 'courier.sqlite') })) as unknown as Kysely<unknown>,
)

/**
 * PostgreSQL: migrations 0004 and 0005 in a schema of their own (search_path), new for each test,
 * so this file never races the main store suite or another run on a shared server.
 */
async function freshSchema(connectionString: string): Promise<Kysely<unknown>> {
  const schema = await schemaOfItsOwn(connectionString, 'courier_oauth')
  onTestFinished(schema.drop)
  const db = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: schema.url, max: 4 }) }),
  })
  await oauthTokens.up(db)
  await oauthFlows.up(db)
  return db
}

describePostgres('postgres (TEST_DATABASE_URL)', (url) => {
  describeOAuthStore('postgres', () => freshSchema(url))
})
