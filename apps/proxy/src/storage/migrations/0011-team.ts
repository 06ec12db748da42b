import { sql, type Kysely, type Migration } from 'kysely'
import { LOCAL_USER_ID, LOCAL_WORKSPACE_ID } from '../local-identity.js'

/**
 * Team mode (`courier serve --team`): people, their workspaces and roles, API tokens, invitations,
 * the audit log, each member's own current variable values, every saved version of a shared item
 * and the trash. Every collection, item and environment row names its workspace, so each query is
 * scoped by a column of the row it reads. Existing rows belong to the local workspace and the local user, so single-user
 * Courier reads exactly what it read before. Per-user cookie jars, OAuth tokens and tabs need no
 * column: their keys are prefixed with the user's id in team mode.
 */
export { LOCAL_USER_ID, LOCAL_WORKSPACE_ID }

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('users')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('email', 'varchar(320)', (c) => c.notNull().unique())
      .addColumn('name', 'varchar(200)', (c) => c.notNull())
      .addColumn('password_hash', 'text')
      .addColumn('oidc_subject', 'varchar(400)', (c) => c.unique())
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('disabled_at', 'varchar(32)')
      .execute()
    // One-time links: set a password (users add) or join a workspace (invitations). Hashes only.
    await db.schema
      .createTable('user_links')
      .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('purpose', 'varchar(16)', (c) => c.notNull()) // 'password' | 'invite'
      .addColumn('user_id', 'varchar(36)')
      .addColumn('workspace_id', 'varchar(36)')
      .addColumn('role', 'varchar(16)')
      .addColumn('created_by', 'varchar(36)')
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('consumed_at', 'varchar(32)')
      .execute()
    await db.schema
      .createTable('api_tokens')
      .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('id', 'varchar(36)', (c) => c.notNull().unique())
      .addColumn('user_id', 'varchar(36)', (c) => c.notNull())
      .addColumn('name', 'varchar(200)', (c) => c.notNull())
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('last_used_at', 'varchar(32)')
      .addColumn('revoked_at', 'varchar(32)')
      .execute()
    await db.schema
      .createTable('workspaces')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('name', 'varchar(200)', (c) => c.notNull())
      .addColumn('kind', 'varchar(16)', (c) => c.notNull()) // 'personal' | 'team'
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .execute()
    await db.schema
      .createTable('memberships')
      .addColumn('workspace_id', 'varchar(36)', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('user_id', 'varchar(36)', (c) => c.notNull())
      .addColumn('role', 'varchar(16)', (c) => c.notNull()) // 'owner' | 'admin' | 'editor' | 'viewer'
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addPrimaryKeyConstraint('memberships_pk', ['workspace_id', 'user_id'])
      .execute()
    await db.schema.createIndex('memberships_user').on('memberships').column('user_id').execute()
    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('at', 'varchar(32)', (c) => c.notNull())
      .addColumn('user_id', 'varchar(36)')
      .addColumn('workspace_id', 'varchar(36)')
      .addColumn('action', 'varchar(64)', (c) => c.notNull())
      .addColumn('target', 'varchar(400)')
      .addColumn('detail_json', 'text', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('audit_log_workspace_at').on('audit_log').columns(['workspace_id', 'at']).execute()
    // Postman's "current value": a member's own value of a shared variable, sealed, never shown to others.
    await db.schema
      .createTable('variable_values')
      .addColumn('environment_id', 'varchar(36)', (c) => c.notNull())
      .addColumn('user_id', 'varchar(36)', (c) => c.notNull())
      .addColumn('name', 'varchar(200)', (c) => c.notNull())
      .addColumn('sealed', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
      .addPrimaryKeyConstraint('variable_values_pk', ['environment_id', 'user_id', 'name'])
      .execute()
    // Every save of a collection, item or environment, as it was written (secrets sealed as in the item's row).
    await db.schema
      .createTable('item_versions')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('workspace_id', 'varchar(36)', (c) => c.notNull())
      .addColumn('kind', 'varchar(16)', (c) => c.notNull()) // 'collection' | 'item' | 'environment'
      .addColumn('target_id', 'varchar(36)', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('data_json', 'text', (c) => c.notNull())
      .addColumn('user_id', 'varchar(36)', (c) => c.notNull())
      .addColumn('at', 'varchar(32)', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('item_versions_target')
      .on('item_versions')
      .columns(['target_id', 'version'])
      .unique()
      .execute()
    await db.schema
      .createTable('trash')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('workspace_id', 'varchar(36)', (c) => c.notNull())
      .addColumn('kind', 'varchar(16)', (c) => c.notNull())
      .addColumn('name', 'varchar(200)', (c) => c.notNull())
      .addColumn('payload_json', 'text', (c) => c.notNull())
      .addColumn('deleted_by', 'varchar(36)', (c) => c.notNull())
      .addColumn('deleted_at', 'varchar(32)', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('trash_workspace_at').on('trash').columns(['workspace_id', 'deleted_at']).execute()

    for (const table of ['collections', 'collection_items', 'environments']) {
      await db.schema
        .alterTable(table)
        .addColumn('workspace_id', 'varchar(36)', (c) => c.notNull().defaultTo(LOCAL_WORKSPACE_ID))
        .execute()
      await db.schema.createIndex(`${table}_workspace`).on(table).column('workspace_id').execute()
    }
    await db.schema
      .alterTable('history')
      .addColumn('user_id', 'varchar(36)', (c) => c.notNull().defaultTo(LOCAL_USER_ID))
      .execute()
    await db.schema.createIndex('history_user_created').on('history').columns(['user_id', 'created_at']).execute()
    await sql`insert into workspaces (id, name, kind, created_at) values (${LOCAL_WORKSPACE_ID}, 'My workspace', 'personal', ${new Date().toISOString()})`.execute(
      db,
    )
  },
}
