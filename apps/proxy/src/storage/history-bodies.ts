import type { Kysely } from 'kysely'
import { damaged } from '../secrets/sealed-format.js'
import type { SecretBox } from '../secrets/secret-box.js'
import { BODY_IS_INLINE } from './history-append.js'
import type { Database } from './schema.js'
import { openInlineBody } from './sealed-inline.js'

/** Reads the small bodies kept in history rows (migration 0022), server-wide by entry id. */
export type SmallBodies = {
  /** The body's bytes, or undefined when the row keeps none (its body is in the body store, or there is no row). */
  get(id: string): Promise<Buffer | undefined>
}

export function createSmallBodies(db: Kysely<Database>, box: SecretBox): SmallBodies {
  return {
    async get(id) {
      const row = await db
        .selectFrom('history')
        .select(['body_sealed', 'response_json'])
        .where('id', '=', id)
        .executeTakeFirst()
      if (!row?.body_sealed) return undefined
      if (row.body_sealed !== BODY_IS_INLINE) {
        try {
          return box.openBytes(row.body_sealed, id)
        } catch (error) {
          throw damaged('response body', error)
        }
      }
      const response = openInlineBody(JSON.parse(row.response_json) as { body?: { inline?: string | null } }, box)
      return typeof response.body?.inline === 'string' ? Buffer.from(response.body.inline) : undefined
    },
  }
}
