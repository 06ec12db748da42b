import type { Kysely, Migration } from 'kysely'

/** OAuth 2 token sets, one per environment and token key; the tokens are sealed (SecretBox). */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('oauth_tokens')
      .addColumn('environment_key', 'varchar(200)', (c) => c.notNull())
      .addColumn('token_key', 'varchar(200)', (c) => c.notNull())
      .addColumn('sealed', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
      .addPrimaryKeyConstraint('oauth_tokens_pk', ['environment_key', 'token_key'])
      .execute()
  },
}
