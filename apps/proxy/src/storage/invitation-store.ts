import type { Kysely } from 'kysely'
import type { Database } from './schema.js'
import type { Role } from './team-schema.js'

/** Invitation links (user_links with purpose 'invite'), by the SHA-256 hash of their token. */
export interface InvitationStore {
  add(row: {
    hash: string
    workspaceId: string
    role: Role
    createdBy: string
    at: string
    expiresAt: string
  }): Promise<void>
  /** Marks an unexpired, unused invitation used and answers it; undefined for everyone but the first caller. */
  consume(hash: string, at: string): Promise<{ workspaceId: string; role: Role } | undefined>
}

export function createInvitationStore(db: Kysely<Database>): InvitationStore {
  return {
    async add(row) {
      await db
        .insertInto('user_links')
        .values({
          token_hash: row.hash,
          purpose: 'invite',
          user_id: null,
          workspace_id: row.workspaceId,
          role: row.role,
          created_by: row.createdBy,
          created_at: row.at,
          expires_at: row.expiresAt,
          consumed_at: null,
        })
        .execute()
    },
    async consume(hash, at) {
      const result = await db
        .updateTable('user_links')
        .set({ consumed_at: at })
        .where('token_hash', '=', hash)
        .where('purpose', '=', 'invite')
        .where('consumed_at', 'is', null)
        .where('expires_at', '>', at)
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) !== 1) return undefined
      const row = await db
        .selectFrom('user_links')
        .select(['workspace_id', 'role'])
        .where('token_hash', '=', hash)
        .executeTakeFirstOrThrow()
      return { workspaceId: row.workspace_id!, role: row.role! }
    },
  }
}
