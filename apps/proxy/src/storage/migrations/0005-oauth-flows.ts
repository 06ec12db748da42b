import type { Kysely, Migration } from 'kysely'

/**
 * OAuth 2 flows in progress and just finished. The state is stored hashed and consumed once
 * (`consumed_at`), so a replayed callback finds nothing even across several Courier instances;
 * the verifier, device code and client secret live only in the sealed column.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('oauth_flows')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('state_hash', 'varchar(64)', (c) => c.unique())
      .addColumn('binding_hash', 'varchar(64)')
      .addColumn('environment_key', 'varchar(200)', (c) => c.notNull())
      .addColumn('token_key', 'varchar(200)', (c) => c.notNull())
      .addColumn('status', 'varchar(20)', (c) => c.notNull())
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('consumed_at', 'varchar(32)')
      .addColumn('sealed', 'text', (c) => c.notNull())
      .addColumn('view_json', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('oauth_flows_created_at').on('oauth_flows').column('created_at').execute()
  },
}
