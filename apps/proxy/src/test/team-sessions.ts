import type { FastifyInstance } from 'fastify'
import { TOKEN_HEADER } from '@courier/shared'
import type { AppConfig } from '../config.js'
import { sessionCookieName } from '../plugins/session-cookie.js'
import { Sessions } from '../storage/sessions.js'
import type { UserRow } from '../storage/user-store.js'
import { PERSONAL_WORKSPACE_NAME } from '../team/accounts.js'

export type Person = { id: string; email: string; name: string }

/**
 * A real person of a team server: a row in the user store and their personal workspace, as
 * `courier users add` makes them. Made once: several instances on one database share people.
 */
export async function ensurePerson(fastify: FastifyInstance, person: Person, now = Date.now): Promise<UserRow> {
  const users = fastify.store.users
  const user =
    (await users.get(person.id)) ??
    (await users.create({ ...person, created_at: new Date(now()).toISOString() }).catch(async (error: unknown) => {
      // Another instance on the same database made them first.
      const made = await users.get(person.id)
      if (!made) throw error
      return made
    }))
  await fastify.store.memberships.personalOf(user.id, PERSONAL_WORKSPACE_NAME)
  return user
}

/**
 * What a signed-in browser sends for `userId`: a session started exactly as the sign-in page
 * starts one (a session row holding only the token's hash), the HttpOnly cookie naming it, and the
 * CSRF token the page derives from it, in the x-courier-token header.
 */
export async function sessionHeaders(
  fastify: FastifyInstance,
  config: Pick<AppConfig, 'now' | 'secureCookies' | 'port'>,
  userId: string,
): Promise<Record<string, string>> {
  const session = await new Sessions(fastify.store.sessions, config.now).start(userId)
  const name = sessionCookieName({ team: true, secure: config.secureCookies ?? false, port: config.port })
  return { cookie: `${name}=${session.token}`, [TOKEN_HEADER]: session.csrf, 'sec-fetch-site': 'same-origin' }
}
