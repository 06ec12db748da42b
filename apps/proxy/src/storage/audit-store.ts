import type { AuditEntry } from '@courier/shared'
import type { Kysely } from 'kysely'
import { newId } from '../ids.js'
import type { Database } from './schema.js'

export type AuditInput = {
  userId: string | null
  workspaceId: string | null
  /** A dotted verb: `member.role`, `member.remove`, `invitation.create`, `item.save`, `sign-in` … */
  action: string
  target?: string | null
  /** What changed, in words and ids — never a secret value. */
  detail?: Record<string, unknown>
  /** When (ISO); now unless given (tests inject a clock). */
  at?: string
}

/** Who did what, when: append-only, newest first, paged by id (UUIDv7 ids sort by time). */
export interface AuditStore {
  append(entry: AuditInput): Promise<void>
  list(
    workspaceId: string,
    page: { before?: string; limit: number },
  ): Promise<{ items: AuditEntry[]; nextCursor: string | null }>
  /** When `action` on `target` was last recorded (e.g. a token's last recorded use), or undefined. */
  latest(action: string, target: string): Promise<string | undefined>
}

export function createAuditStore(db: Kysely<Database>): AuditStore {
  return {
    async append(entry) {
      await db
        .insertInto('audit_log')
        .values({
          id: newId(),
          at: entry.at ?? new Date().toISOString(),
          user_id: entry.userId,
          workspace_id: entry.workspaceId,
          action: entry.action,
          target: entry.target ?? null,
          detail_json: JSON.stringify(entry.detail ?? {}),
        })
        .execute()
    },
    async list(workspaceId, { before, limit }) {
      // The workspace's own entries, and the server-wide ones (sign-ins, token use) of its members.
      let query = db
        .selectFrom('audit_log')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb('workspace_id', '=', workspaceId),
            eb.and([
              eb('workspace_id', 'is', null),
              eb(
                'user_id',
                'in',
                eb.selectFrom('memberships').select('user_id').where('workspace_id', '=', workspaceId),
              ),
            ]),
          ]),
        )
      if (before) query = query.where('id', '<', before)
      const rows = await query
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute()
      const items = rows.slice(0, limit).map((row) => ({
        id: row.id,
        at: row.at,
        userId: row.user_id,
        workspaceId: row.workspace_id,
        action: row.action,
        target: row.target,
        detail: JSON.parse(row.detail_json) as Record<string, unknown>,
      }))
      return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null }
    },
    async latest(action, target) {
      const row = await db
        .selectFrom('audit_log')
        .select('at')
        .where('action', '=', action)
        .where('target', '=', target)
        .orderBy('at', 'desc')
        .limit(1)
        .executeTakeFirst()
      return row?.at
    },
  }
}
