import type { AddressInfo } from 'node:net'
import Fastify, { type FastifyInstance } from 'fastify'
import { TOKEN_HEADER } from '@courier/shared'
import { fetch } from 'undici'
import { onTestFinished } from 'vitest'
import { app } from '../app.js'
import type { AppConfig } from '../config.js'
import type { Actor } from '../team/scope.js'
import { testConfig, TEST_TOKEN } from './build-test-app.js'
import { ensurePerson, sessionHeaders } from './team-sessions.js'

export type LiveServer = {
  fastify: FastifyInstance
  origin: string
  /** A JSON call over a real socket: as `user`'s signed-in browser when given, else with the in-process secret. */
  call(method: string, path: string, body?: unknown, user?: string): Promise<{ status: number; json: unknown }>
  /** The headers `user`'s signed-in browser sends (its session cookie and CSRF token); without one, the in-process secret. */
  headers(user?: string): Record<string, string>
}

/**
 * The whole app listening on a free port. With `actors` (team mode), each is a real person in the
 * user store (made once, so several instances on one database share them) signed in on this
 * instance: a request naming one of them carries that person's session cookie and CSRF token.
 */
export async function startLiveServer(
  overrides: Partial<AppConfig> = {},
  actors: Record<string, Actor> = {},
): Promise<LiveServer> {
  const fastify = Fastify({ forceCloseConnections: true })
  const config = testConfig(overrides)
  await fastify.register(app, config)
  await fastify.listen({ host: '127.0.0.1', port: 0 })
  onTestFinished(() => fastify.close())
  const origin = `http://127.0.0.1:${(fastify.server.address() as AddressInfo).port}`
  const signedIn = new Map<string, Record<string, string>>()
  for (const [key, actor] of Object.entries(actors)) {
    await ensurePerson(fastify, { id: actor.userId, email: actor.email!, name: actor.name }, config.now)
    signedIn.set(key, await sessionHeaders(fastify, config, actor.userId))
  }
  const headers = (user?: string): Record<string, string> => {
    if (user === undefined) return { [TOKEN_HEADER]: TEST_TOKEN }
    const session = signedIn.get(user)
    if (!session) throw new Error(`${user} is not one of this server's people`)
    return { ...session }
  }
  return {
    fastify,
    origin,
    headers,
    async call(method, path, body, user) {
      const response = await fetch(`${origin}${path}`, {
        method,
        headers: { ...headers(user), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const text = await response.text()
      return { status: response.status, json: text ? JSON.parse(text) : null }
    },
  }
}

export const actor = (userId: string, name: string): Actor => ({
  userId,
  email: `${userId}@team.test`,
  name,
  via: 'session',
})
