import type { Kysely } from 'kysely'

/** Table shape of migration 0019, kept beside the only code that reads it. */
export interface OidcFlowTables {
  oidc_flows: { state_hash: string; binding_hash: string; sealed: string; created_at: string; expires_at: string }
}

export type OidcFlowRow = OidcFlowTables['oidc_flows']

/**
 * OpenID Connect sign-ins in progress: one row per flow, found by the hash of its state. The
 * callback takes the row (deletes it and answers it, to one caller only), so a state works once on
 * every instance; the verifier and nonce arrive sealed.
 */
export interface OidcFlowStore {
  create(row: OidcFlowRow): Promise<void>
  /** Deletes the flow and answers it, expired or not, only to the one caller that got there first. */
  take(stateHash: string): Promise<OidcFlowRow | undefined>
  /** Drops flows that expired before `at`; answers how many. */
  prune(at: string): Promise<number>
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any database that ran migration 0019
export function createOidcFlowStore(database: Kysely<any>): OidcFlowStore {
  const db = database as Kysely<OidcFlowTables>
  return {
    async create(row) {
      await db.insertInto('oidc_flows').values(row).execute()
    },
    take: (stateHash) =>
      db.deleteFrom('oidc_flows').where('state_hash', '=', stateHash).returningAll().executeTakeFirst(),
    async prune(at) {
      const result = await db.deleteFrom('oidc_flows').where('expires_at', '<', at).executeTakeFirst()
      return Number(result.numDeletedRows)
    },
  }
}
