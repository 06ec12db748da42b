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
 * The session cookie's name. Cookies ignore ports: the port keeps two single-user Courier servers
 * on one machine apart. A team server's instances share one name (they sit behind one address);
 * `__Host-` pins it to https and this host.
 */
export function sessionCookieName(options: { team: boolean; secure: boolean; port: number }): string {
  if (!options.team) return `courier_session_${options.port}`
  return options.secure ? '__Host-courier_session' : 'courier_session'
}

/**
 * The session cookie: `HttpOnly; SameSite=Strict; Path=/`, `Secure` when Courier is served over
 * https (the team server's public URL). Resolving it is memoised per request.
 */
export class SessionCookie {
  private readonly resolved = new WeakMap<FastifyRequest, Promise<ActiveSession | null>>()

  constructor(
    private readonly options: {
      name: () => string
      sessions: () => Sessions
      secure: boolean
      /** Team mode: whether a live session still counts (its person exists and is not disabled). */
      admit?: (session: ActiveSession) => Promise<boolean>
    },
  ) {}

  get name(): string {
    return this.options.name()
  }

  /** The live session the request's cookie names, or null. */
  session(request: FastifyRequest): Promise<ActiveSession | null> {
    let found = this.resolved.get(request)
    if (!found) {
      const admit = this.options.admit
      found = this.options
        .sessions()
        .resolve(readCookie(request.headers.cookie, this.name))
        .then(async (session) => (session && (!admit || (await admit(session))) ? session : null))
      this.resolved.set(request, found)
    }
    return found
  }

  /** The live session the request's cookie names now, resolved again (a long-lived socket re-checks it). */
  current(request: FastifyRequest): Promise<ActiveSession | null> {
    this.resolved.delete(request)
    return this.session(request)
  }

  /** Ends the cookie in the browser (sign out). */
  clear(reply: FastifyReply): void {
    reply.header(
      'set-cookie',
      `${this.name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict${this.options.secure ? '; Secure' : ''}`,
    )
  }

  set(reply: FastifyReply, session: ActiveSession, now = Date.now()): void {
    const maxAge = Math.max(0, Math.floor((session.expiresAt - now) / 1000))
    reply.header(
      'set-cookie',
      `${this.name}=${session.token}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${this.options.secure ? '; Secure' : ''}`,
    )
  }
}
