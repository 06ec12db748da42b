import { type Kysely, type Migration } from 'kysely'

/**
 * Kept collection runs (issue 14): one row per run in its workspace, named by whoever started it,
 * with its summary (the report without steps) as JSON, and its steps in `run_steps`, appended as
 * they come so a poll sees progress. `heartbeat_at` is touched while a process runs it, so a
 * start can tell a run whose process is gone (marked failed) from one another instance still runs.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('runs')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('workspace_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('user_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('state', 'varchar(16)', (c) => c.notNull())
      .addColumn('started_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('heartbeat_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('stop_requested', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('summary_json', 'text', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('runs_workspace_user').on('runs').columns(['workspace_id', 'user_id', 'id']).execute()
    await db.schema.createIndex('runs_state').on('runs').columns(['state', 'heartbeat_at']).execute()
    await db.schema
      .createTable('run_steps')
      .addColumn('run_id', 'varchar(36)', (c) => c.notNull().references('runs.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('step_json', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('run_steps_pk', ['run_id', 'position'])
      .execute()
  },
}
