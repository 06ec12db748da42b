import type * as Client from 'openid-client'
import { lazy } from '../lazy.js'
import type { OidcSettings } from './oidc-settings.js'

/** What Courier keeps of a flow between the redirect and the callback (sealed, in the database). */
export type OidcChecks = { verifier: string; nonce: string }

/** Who the provider says signed in: from the validated ID token, the email from UserInfo when the token has none. */
export type OidcIdentity = {
  issuer: string
  subject: string
  email?: string
  emailVerified: boolean
  name?: string
}

/** A sentence for the sign-in page: the provider could not be reached, or did not accept the sign-in. */
export class OidcFlowError extends Error {}

/** Only a team server with OpenID Connect sign-in uses it: loaded on the first sign-in. */
const openidClient = lazy(() => import('openid-client'))

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

const verified = (value: unknown) => value === true || value === 'true'
const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined)

/**
 * The team server's OpenID Connect client (`openid-client`): discovery (cached in this process,
 * retried after a failure), the authorization URL with PKCE (S256), state and nonce, and the
 * callback — code exchange with the client secret, ID token validation (issuer, audience,
 * signature, expiry, nonce) and, when the ID token carries no email, UserInfo (same `sub`).
 * Nothing about a flow is kept here: several instances can share one.
 */
export class OidcClient {
  private configuration: Promise<Client.Configuration> | undefined

  constructor(private readonly settings: OidcSettings) {}

  get name(): string {
    return this.settings.name
  }

  private config(): Promise<Client.Configuration> {
    this.configuration ??= (async () => {
      const client = await openidClient()
      const issuer = new URL(this.settings.issuer)
      // Plain http only for a provider on this machine (the settings allow nothing else).
      const insecure = issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname)
      try {
        return await client.discovery(
          issuer,
          this.settings.clientId,
          undefined,
          client.ClientSecretBasic(this.settings.clientSecret),
          { timeout: 10, ...(insecure ? { execute: [client.allowInsecureRequests] } : {}) },
        )
      } catch (error) {
        this.configuration = undefined
        throw new OidcFlowError(
          `Courier could not reach ${this.settings.name} to sign you in (${this.settings.issuer}: ${reason(client, error)}). Try again in a moment; if it keeps failing, tell your Courier admin.`,
          { cause: error },
        )
      }
    })()
    return this.configuration
  }

  /** Where to send the browser, and the checks the callback needs (state is the caller's). */
  async start(redirectUri: string, state: string): Promise<{ url: URL; checks: OidcChecks }> {
    const config = await this.config()
    const client = await openidClient()
    const verifier = client.randomPKCECodeVerifier()
    const nonce = client.randomNonce()
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    })
    return { url, checks: { verifier, nonce } }
  }

  /** The callback: exchanges the code and validates the ID token; throws OidcFlowError with a sentence. */
  async finish(callbackUrl: URL, state: string, checks: OidcChecks): Promise<OidcIdentity> {
    const config = await this.config()
    const client = await openidClient()
    let tokens: Awaited<ReturnType<typeof Client.authorizationCodeGrant>>
    try {
      tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: checks.verifier,
        expectedState: state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      })
    } catch (error) {
      throw new OidcFlowError(
        `${this.settings.name} did not complete the sign-in (${reason(client, error)}). Start again with “Sign in with ${this.settings.name}”.`,
        { cause: error },
      )
    }
    const claims = tokens.claims()!
    let email = text(claims.email)
    let emailVerified = verified(claims.email_verified)
    let name = text(claims.name)
    if (email === undefined) {
      try {
        const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub)
        email = text(info.email)
        emailVerified = verified(info.email_verified)
        name ??= text(info.name)
      } catch (error) {
        throw new OidcFlowError(
          `${this.settings.name} signed you in but Courier could not read your email address from it (${reason(client, error)}). Try again; if it keeps failing, tell your Courier admin.`,
          { cause: error },
        )
      }
    }
    return {
      issuer: claims.iss,
      subject: claims.sub,
      ...(email ? { email: email.toLowerCase() } : {}),
      emailVerified,
      ...(name ? { name } : {}),
    }
  }
}

/** A short reason from openid-client's errors: the provider's error code and description, or the message. */
function reason(client: typeof Client, error: unknown): string {
  if (error instanceof client.ResponseBodyError || error instanceof client.AuthorizationResponseError)
    return error.error_description ? `${error.error}: ${error.error_description}` : error.error
  const message = error instanceof Error ? error.message : String(error)
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : ''
  return `${message}${cause}`.slice(0, 300)
}
