import type { Kysely } from 'kysely'

/** Table shapes of migrations 0004 and 0005, kept beside the only code that reads them. */
export interface OAuthTables {
  oauth_tokens: { environment_key: string; token_key: string; sealed: string; updated_at: string }
  oauth_flows: {
    id: string
    state_hash: string | null
    binding_hash: string | null
    environment_key: string
    token_key: string
    status: string
    created_at: string
    expires_at: string
    consumed_at: string | null
    sealed: string
    view_json: string
    updated_at: string
  }
}

export type FlowRow = OAuthTables['oauth_flows']

/** Stored OAuth 2 flows and token sets. Values arrive sealed; this layer never sees a secret in clear. */
export interface OAuthStore {
  createFlow(row: FlowRow): Promise<void>
  getFlow(id: string): Promise<FlowRow | undefined>
  findFlowByState(stateHash: string): Promise<FlowRow | undefined>
  /** Marks the flow's state used; true only for the one caller that got there first. */
  consumeFlow(id: string, at: string): Promise<boolean>
  updateFlow(id: string, changes: Partial<Pick<FlowRow, 'status' | 'sealed' | 'view_json'>>): Promise<void>
  /** Drops flows created before `before`; answers how many. */
  pruneFlows(before: string): Promise<number>
  getToken(environmentKey: string, tokenKey: string): Promise<string | undefined>
  putToken(environmentKey: string, tokenKey: string, sealed: string): Promise<void>
  deleteToken(environmentKey: string, tokenKey: string): Promise<boolean>
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any database that ran migrations 0004/0005
export function createOAuthStore(database: Kysely<any>): OAuthStore {
  const db = database as Kysely<OAuthTables>
  const now = () => new Date().toISOString()
  return {
    async createFlow(row) {
      await db.insertInto('oauth_flows').values(row).execute()
    },
    async getFlow(id) {
      return db.selectFrom('oauth_flows').selectAll().where('id', '=', id).executeTakeFirst()
    },
    async findFlowByState(stateHash) {
      return db.selectFrom('oauth_flows').selectAll().where('state_hash', '=', stateHash).executeTakeFirst()
    },
    async consumeFlow(id, at) {
      const result = await db
        .updateTable('oauth_flows')
        .set({ consumed_at: at, updated_at: at })
        .where('id', '=', id)
        .where('consumed_at', 'is', null)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
    async updateFlow(id, changes) {
      await db
        .updateTable('oauth_flows')
        .set({ ...changes, updated_at: now() })
        .where('id', '=', id)
        .execute()
    },
    async pruneFlows(before) {
      const result = await db.deleteFrom('oauth_flows').where('created_at', '<', before).executeTakeFirst()
      return Number(result.numDeletedRows)
    },
    async getToken(environmentKey, tokenKey) {
      const row = await db
        .selectFrom('oauth_tokens')
        .select('sealed')
        .where('environment_key', '=', environmentKey)
        .where('token_key', '=', tokenKey)
        .executeTakeFirst()
      return row?.sealed
    },
    async putToken(environmentKey, tokenKey, sealed) {
      const updated_at = now()
      await db
        .insertInto('oauth_tokens')
        .values({ environment_key: environmentKey, token_key: tokenKey, sealed, updated_at })
        .onConflict((c) => c.columns(['environment_key', 'token_key']).doUpdateSet({ sealed, updated_at }))
        .execute()
    },
    async deleteToken(environmentKey, tokenKey) {
      const result = await db
        .deleteFrom('oauth_tokens')
        .where('environment_key', '=', environmentKey)
        .where('token_key', '=', tokenKey)
        .executeTakeFirst()
      return Number(result.numDeletedRows) > 0
    },
  }
}
