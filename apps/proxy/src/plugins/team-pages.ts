import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { CourierError } from '../errors.js'
import type { Sessions } from '../storage/sessions.js'
import { LINK_SPENT_SENTENCE, type Accounts } from '../team/accounts.js'
import type { FailureLimiter } from './security-gate.js'
import type { SessionCookie } from './session-cookie.js'
import { linkSpentPage, setPasswordPage, signInPage, TEAM_PAGE_CSP, teamPage } from './team-page-html.js'

export const SIGN_IN_PATH = '/sign-in'
export const SET_PASSWORD_PATH = '/set-password'

/** One sentence for an unknown email and a wrong password alike: it must not tell who has an account. */
export const SIGN_IN_FAILED =
  'That email and password do not match an account here. Check both and try again, or ask your Courier admin for a set-password link.'
export const TOO_MANY = 'Too many failed attempts; wait a minute and try again.'
const FOREIGN_FORM =
  'This form must be sent from Courier’s own page. Open the sign-in page at Courier’s address and try again.'

export type TeamPagesOptions = {
  accounts: () => Accounts
  sessions: () => Sessions
  cookie: SessionCookie
  limiter: FailureLimiter
  /** Origins Courier's own pages have: a form post must come from one of them. */
  allowedOrigins: () => ReadonlySet<string>
  /** The OpenID Connect provider's name when it is configured: the page offers "Sign in with <name>". */
  oidc?: string
}

/** Sends one of the team server's own pages: no caching, its strict CSP, same-origin referrers. */
export function sendPage(reply: FastifyReply, status: number, page: string) {
  return (
    reply
      .code(status)
      .header('cache-control', 'no-store')
      // Under the gate's no-referrer a browser sends `Origin: null` with a form post, even to its own
      // origin; same-origin keeps the real Origin on these pages' own posts and sends nothing elsewhere.
      .header('referrer-policy', 'same-origin')
      .header('content-security-policy', TEAM_PAGE_CSP)
      .type('text/html; charset=utf-8')
      .send(page)
  )
}

const field = (body: unknown, name: string): string => {
  const value = (body as Record<string, unknown> | undefined)?.[name]
  return typeof value === 'string' ? value : ''
}

/**
 * The team server's sign-in and set-password pages: plain HTML forms posted to themselves. They
 * are public routes (nobody is signed in yet), so each post checks its own Origin — present and
 * Courier's own — and Fetch metadata, which a form on another site cannot fake; failures count
 * toward the failure limiter. Encapsulated: the urlencoded parser exists only for these routes.
 */
export default async function teamPages(fastify: FastifyInstance, options: TeamPagesOptions) {
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 16 * 1024 },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  )

  /** False (and a 403 page sent) when the post did not come from Courier's own page. */
  const fromOwnPage = (request: FastifyRequest) => {
    const origin = request.headers.origin
    const site = request.headers['sec-fetch-site']
    return (
      typeof origin === 'string' &&
      options.allowedOrigins().has(origin) &&
      (site === undefined || site === 'same-origin')
    )
  }
  /** False while this client must wait. */
  const allowed = async (reply: FastifyReply) => {
    try {
      await options.limiter.check(reply)
      return true
    } catch (error) {
      if (error instanceof CourierError && error.code === 'RATE_LIMITED') return false
      throw error
    }
  }
  /** Counts a failure; false when the limiter says this client must wait. */
  const countFailure = async (reply: FastifyReply) => {
    try {
      await options.limiter.fail(reply)
      return true
    } catch (error) {
      if (error instanceof CourierError && error.code === 'RATE_LIMITED') return false
      throw error
    }
  }

  fastify.get(SIGN_IN_PATH, async (request, reply) => {
    if (await options.cookie.session(request)) return reply.redirect('/', 303)
    const query = request.query as Record<string, unknown>
    const note = query.done === 'password' ? 'Your password is set. Sign in with it.' : undefined
    return sendPage(reply, 200, signInPage({ oidc: options.oidc, note }))
  })

  fastify.post(SIGN_IN_PATH, async (request, reply) => {
    if (!fromOwnPage(request))
      return sendPage(reply, 403, teamPage('Sign in', `<p class="error" role="alert">${FOREIGN_FORM}</p>`))
    const email = field(request.body, 'email').trim()
    // Over the limit, no password is checked at all: a right guess must not get through either.
    if (!(await allowed(reply))) return sendPage(reply, 429, signInPage({ oidc: options.oidc, email, error: TOO_MANY }))
    // Accounts.signIn records the attempt in the audit log, failed or not.
    const user = await options.accounts().signIn(email, field(request.body, 'password'), request.ip)
    if (!user) {
      const error = (await countFailure(reply)) ? SIGN_IN_FAILED : TOO_MANY
      return sendPage(reply, error === TOO_MANY ? 429 : 401, signInPage({ oidc: options.oidc, email, error }))
    }
    options.cookie.set(reply, await options.sessions().start(user.id))
    return reply.redirect('/', 303)
  })

  fastify.get(SET_PASSWORD_PATH, async (request, reply) => {
    const token = field(request.query, 'token')
    const user = await options.accounts().passwordLinkUser(token)
    if (!user) {
      await countFailure(reply)
      return sendPage(reply, 410, linkSpentPage(LINK_SPENT_SENTENCE))
    }
    return sendPage(reply, 200, setPasswordPage({ token, email: user.email }))
  })

  fastify.post(SET_PASSWORD_PATH, async (request, reply) => {
    if (!fromOwnPage(request))
      return sendPage(reply, 403, teamPage('Choose your password', `<p class="error" role="alert">${FOREIGN_FORM}</p>`))
    const token = field(request.body, 'token')
    const accounts = options.accounts()
    const user = await accounts.passwordLinkUser(token)
    const outcome = await accounts.setPassword(token, field(request.body, 'password'), field(request.body, 'confirm'))
    if (outcome.ok) return reply.redirect(`${SIGN_IN_PATH}?done=password`, 303)
    if (outcome.reason === 'link' || !user) {
      await countFailure(reply)
      return sendPage(reply, 410, linkSpentPage(outcome.message))
    }
    return sendPage(reply, 400, setPasswordPage({ token, email: user.email, error: outcome.message }))
  })
}
