import type { Kysely, Migration } from 'kysely'

/**
 * A small response body (up to storage/body-store.ts's SMALL_BODY bytes) lives in its history row,
 * sealed for that row (SecretBox.sealBytes), instead of a body file or blob rows of its own:
 * `body_sealed` holds the sealed bytes, or `inline` when they are exactly the row's inline text.
 * NULL: the body is in the body store (large, or written before this migration).
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('history').addColumn('body_sealed', 'text').execute()
  },
}
