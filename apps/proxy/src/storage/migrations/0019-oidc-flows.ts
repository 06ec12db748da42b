import type { Kysely, Migration } from 'kysely'

/**
 * OpenID Connect sign-ins in progress (team mode), in the database so that the instance that
 * answers the provider's callback need not be the one that started the flow. The state is stored
 * as its SHA-256 hash and the row is deleted when the callback takes it, so it works once; the
 * browser that started the flow holds a random binding whose hash is `binding_hash`; the PKCE
 * verifier and the nonce live only in the sealed column.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('oidc_flows')
      .addColumn('state_hash', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('binding_hash', 'varchar(64)', (c) => c.notNull())
      .addColumn('sealed', 'text', (c) => c.notNull())
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('oidc_flows_expires_at').on('oidc_flows').column('expires_at').execute()
  },
}
