import type { FastifyInstance, FastifyReply } from 'fastify'
import type { Sessions } from '../storage/sessions.js'
import { SIGN_IN_SENTENCE, type FailureLimiter } from './security-gate.js'
import type { SessionCookie } from './session-cookie.js'

export const LOGIN_PATH = '/login'

/** The pages below hold no script: a meta refresh moves on, and nothing may frame them. */
const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

function page(title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta name="color-scheme" content="light dark">${head}
<title>${title} — Courier</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1.5rem}code{white-space:nowrap;font:14px ui-monospace,monospace;padding:.1em .3em;border-radius:4px;background:rgba(127,127,127,.15)}</style>
</head><body><main><h1>${title}</h1>${body}</main></body></html>
`
}

const sentence = SIGN_IN_SENTENCE.replace(/courier (serve|open)/g, '<code>courier $1</code>')

/** What `/` shows a browser without a session: how to sign in, and no secret. */
export const SIGNED_OUT_PAGE = page('Sign in to Courier', `<p>${sentence}</p>`)

const LINK_SPENT_PAGE = page(
  'This sign-in link cannot be used',
  '<p>It was already used, has expired, or was mistyped. Run <code>courier open</code> in a terminal for a fresh link.</p>',
)

/**
 * A same-origin page that then navigates to `/`: a SameSite=Strict cookie set on a response to a
 * navigation that began on another site (a link in a web mail) is not sent on a redirect it
 * continues, but is sent on this page's own navigation.
 */
const SIGNED_IN_PAGE = page(
  'Signed in',
  '<p>Opening Courier… <a href="/">Continue</a>.</p>',
  '<meta http-equiv="refresh" content="0; url=/">',
)

function send(reply: FastifyReply, status: number, html: string) {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .header('content-security-policy', PAGE_CSP)
    .type('text/html; charset=utf-8')
    .send(html)
}

/**
 * `GET /login?token=…`: spends a one-time login token on a session (HttpOnly SameSite=Strict
 * cookie) and moves on to the clean URL. A browser already signed in just moves on.
 */
export async function loginRoute(
  fastify: FastifyInstance,
  options: { cookie: SessionCookie; sessions: () => Sessions; limiter: FailureLimiter },
) {
  fastify.get(LOGIN_PATH, async (request, reply) => {
    const token = (request.query as Record<string, unknown>).token
    const session = await options.sessions().signIn(typeof token === 'string' ? token : undefined)
    if (session) {
      options.cookie.set(reply, session)
      return send(reply, 200, SIGNED_IN_PAGE)
    }
    if (await options.cookie.session(request)) return send(reply, 200, SIGNED_IN_PAGE)
    await options.limiter.fail(reply)
    return send(reply, 401, LINK_SPENT_PAGE)
  })
}
