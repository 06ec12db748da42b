import { createHash, randomBytes } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { CourierError } from '../errors.js'
import type { SecretBox } from '../secrets/secret-box.js'
import type { Sessions } from '../storage/sessions.js'
import type { Store } from '../storage/store.js'
import type { AuditEvents } from '../team/audit-events.js'
import { OidcFlowError, type OidcChecks, type OidcClient } from '../team/oidc-client.js'
import type { OidcAccounts } from '../team/oidc-accounts.js'
import type { FailureLimiter } from './security-gate.js'
import { readCookie, type SessionCookie } from './session-cookie.js'
import { continuePage, signInPage } from './team-page-html.js'
import { sendPage, TOO_MANY } from './team-pages.js'

export const OIDC_START_PATH = '/sign-in/oidc'
export const OIDC_CALLBACK_PATH = '/sign-in/oidc/callback'
/** How long a person may take at the provider before the flow is spent. */
export const OIDC_FLOW_TTL_MS = 10 * 60 * 1000

export type OidcPagesOptions = {
  client: OidcClient
  accounts: () => OidcAccounts
  store: () => Store
  box: () => SecretBox
  sessions: () => Sessions
  audit: () => AuditEvents
  cookie: SessionCookie
  limiter: FailureLimiter
  /** The address people open: the redirect URI is `<origin>/sign-in/oidc/callback`. */
  publicOrigin: () => string
  secure: boolean
  now?: () => number
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')
const mint = () => randomBytes(32).toString('base64url')
const TOKEN = /^[A-Za-z0-9_-]{43}$/
const first = (value: unknown) => (typeof value === 'string' ? value : undefined)

/**
 * OpenID Connect sign-in beside the password form. `GET /sign-in/oidc` starts a flow: a row in
 * `oidc_flows` (state hashed; PKCE verifier and nonce sealed; 10 minutes) and a random binding in
 * an HttpOnly cookie (SameSite=Lax, so the provider's redirect back carries it), then the browser
 * goes to the provider. The callback takes the row (once, on any instance), checks the binding,
 * exchanges the code and validates the ID token, decides who gets in (team/oidc-accounts.ts), and
 * sets the session. Every failure is a sentence on the sign-in page; bad states and refused people
 * count toward the failure limiter, and sign-ins are audited.
 */
export default async function oidcPages(fastify: FastifyInstance, options: OidcPagesOptions) {
  const now = options.now ?? Date.now
  const bindingCookie = options.secure ? '__Host-courier_oidc' : 'courier_oidc'
  const cookieTail = `Path=/; HttpOnly; SameSite=Lax${options.secure ? '; Secure' : ''}`
  const provider = options.client.name
  const again = `Start again with “Sign in with ${provider}”.`

  const page = (reply: FastifyReply, status: number, error: string) =>
    sendPage(reply, status, signInPage({ error, oidc: provider }))

  /** False (and the client made to wait) when the limiter says so; `fail` counts this request as a failure. */
  const limited = async (reply: FastifyReply, fail: boolean) => {
    try {
      if (fail) await options.limiter.fail(reply)
      else await options.limiter.check(reply)
      return false
    } catch (error) {
      if (error instanceof CourierError && error.code === 'RATE_LIMITED') return true
      throw error
    }
  }
  const refuse = async (reply: FastifyReply, status: number, error: string) =>
    (await limited(reply, true)) ? page(reply, 429, TOO_MANY) : page(reply, status, error)

  fastify.get(OIDC_START_PATH, async (request, reply) => {
    if (await options.cookie.session(request)) return reply.redirect('/', 303)
    if (await limited(reply, false)) return page(reply, 429, TOO_MANY)
    const state = mint()
    const binding = mint()
    let url: URL, checks: OidcChecks
    try {
      ;({ url, checks } = await options.client.start(`${options.publicOrigin()}${OIDC_CALLBACK_PATH}`, state))
    } catch (error) {
      if (!(error instanceof OidcFlowError)) throw error
      request.log.warn(`OpenID Connect discovery failed: ${error.message}`)
      return page(reply, 502, error.message)
    }
    const at = now()
    const store = options.store()
    await store.oidcFlows.prune(new Date(at).toISOString())
    await store.oidcFlows.create({
      state_hash: sha256(state),
      binding_hash: sha256(binding),
      sealed: options.box().seal(JSON.stringify(checks)),
      created_at: new Date(at).toISOString(),
      expires_at: new Date(at + OIDC_FLOW_TTL_MS).toISOString(),
    })
    reply.header('set-cookie', `${bindingCookie}=${binding}; Max-Age=${OIDC_FLOW_TTL_MS / 1000}; ${cookieTail}`)
    return reply.redirect(url.href, 303)
  })

  fastify.get(OIDC_CALLBACK_PATH, async (request: FastifyRequest, reply) => {
    if (await limited(reply, false)) return page(reply, 429, TOO_MANY)
    const query = request.query as Record<string, unknown>
    const state = first(query.state)
    const binding = readCookie(request.headers.cookie, bindingCookie)
    // The binding is spent with the flow, whatever happens next.
    reply.header('set-cookie', `${bindingCookie}=; Max-Age=0; ${cookieTail}`)
    const flow = state && TOKEN.test(state) ? await options.store().oidcFlows.take(sha256(state)) : undefined
    if (!flow) return refuse(reply, 400, `This sign-in was already finished, or did not start here. ${again}`)
    if (!binding || sha256(binding) !== flow.binding_hash)
      return refuse(reply, 400, `This sign-in started in another browser (or its cookie was blocked). ${again}`)
    if (Date.parse(flow.expires_at) <= now())
      return page(reply, 400, `This sign-in took longer than ${OIDC_FLOW_TTL_MS / 60_000} minutes. ${again}`)
    const error = first(query.error)
    if (error)
      return page(
        reply,
        error === 'access_denied' ? 403 : 502,
        error === 'access_denied'
          ? `${provider} did not let you sign in (you cancelled, or you may not use Courier there). ${again}`
          : `${provider} could not sign you in (${`${error}${first(query.error_description) ? `: ${first(query.error_description)}` : ''}`.slice(0, 300)}). ${again}`,
      )

    const checks = JSON.parse(options.box().open(flow.sealed)) as OidcChecks
    const callbackUrl = new URL(`${options.publicOrigin()}${OIDC_CALLBACK_PATH}`)
    callbackUrl.search = new URL(request.url, 'http://courier.invalid').search
    let identity
    try {
      identity = await options.client.finish(callbackUrl, state!, checks)
    } catch (failure) {
      if (!(failure instanceof OidcFlowError)) throw failure
      request.log.warn(`OpenID Connect sign-in failed: ${failure.message}`)
      return refuse(reply, 502, failure.message)
    }
    const outcome = await options.accounts().signIn(identity)
    const audit = options.audit()
    if (!outcome.ok) {
      await audit.signIn({
        userId: outcome.userId,
        method: 'oidc',
        ok: false,
        ...(outcome.email ? { email: outcome.email } : {}),
        ip: request.ip,
      })
      return refuse(reply, 403, outcome.message)
    }
    await audit.signIn({ userId: outcome.user.id, method: 'oidc', ok: true, ip: request.ip })
    options.cookie.set(reply, await options.sessions().start(outcome.user.id), now())
    // Not a redirect: the session cookie is SameSite=Strict, and a redirect that began at the
    // provider is still cross-site, so the browser would leave it off. This page's own
    // navigation to / is same-site and carries it.
    return sendPage(reply, 200, continuePage())
  })
}
