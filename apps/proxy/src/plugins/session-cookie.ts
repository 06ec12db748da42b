import type { FastifyReply, FastifyRequest } from 'fastify'
import type { ActiveSession, Sessions } from '../storage/sessions.js'

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
}

/**
 * The session cookie: `HttpOnly; SameSite=Strict; Path=/`, `Secure` when Courier is served over
 * https (the team server's public URL). Resolving it is memoised per request.
 */
export class SessionCookie {
  private readonly resolved = new WeakMap<FastifyRequest, Promise<ActiveSession | null>>()

  constructor(private readonly options: { name: () => string; sessions: () => Sessions; secure: boolean }) {}

  get name(): string {
    return this.options.name()
  }

  /** The live session the request's cookie names, or null. */
  session(request: FastifyRequest): Promise<ActiveSession | null> {
    let found = this.resolved.get(request)
    if (!found) {
      found = this.options.sessions().resolve(readCookie(request.headers.cookie, this.name))
      this.resolved.set(request, found)
    }
    return found
  }

  set(reply: FastifyReply, session: ActiveSession, now = Date.now()): void {
    const maxAge = Math.max(0, Math.floor((session.expiresAt - now) / 1000))
    reply.header(
      'set-cookie',
      `${this.name}=${session.token}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${this.options.secure ? '; Secure' : ''}`,
    )
  }
}
