/** OpenID Connect sign-in for a team server, from the environment (COURIER_OIDC_*). */
export type OidcSettings = {
  /** The provider's issuer URL; its discovery document is `<issuer>/.well-known/openid-configuration`. */
  issuer: string
  clientId: string
  clientSecret: string
  /** The button's label: "Sign in with <name>". */
  name: string
  /** Email domains whose people get an account on their first sign-in (verified email only); empty: nobody. */
  allowedDomains: string[]
}

export const DEFAULT_OIDC_NAME = 'OpenID Connect'

const REQUIRED = ['COURIER_OIDC_ISSUER', 'COURIER_OIDC_CLIENT_ID', 'COURIER_OIDC_CLIENT_SECRET'] as const
const OPTIONAL = ['COURIER_OIDC_NAME', 'COURIER_OIDC_ALLOWED_DOMAINS'] as const
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

function issuerUrl(text: string): string {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new Error(
      `COURIER_OIDC_ISSUER "${text}" is not a URL; give the provider's issuer, e.g. https://example.okta.com.`,
    )
  }
  if (url.search || url.hash || url.username || url.password)
    throw new Error(
      `COURIER_OIDC_ISSUER must be the issuer URL alone, without a query, fragment or user: not "${text}".`,
    )
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname)))
    throw new Error(
      `COURIER_OIDC_ISSUER must be an https:// URL (plain http only on loopback, for a provider on this machine): not "${text}".`,
    )
  return text
}

/**
 * The OpenID Connect settings, undefined when none of COURIER_OIDC_* is set, or an Error whose
 * message says what is missing or wrong: half a configuration never starts.
 */
export function oidcSettingsFrom(env: NodeJS.ProcessEnv): OidcSettings | undefined {
  const given = (name: string) => env[name]?.trim() || undefined
  const set = [...REQUIRED, ...OPTIONAL].filter((name) => given(name))
  if (set.length === 0) return undefined
  const missing = REQUIRED.filter((name) => !given(name))
  if (missing.length > 0)
    throw new Error(
      `OpenID Connect sign-in needs ${REQUIRED.join(', ')} together, but ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set (${set.join(', ')} ${set.length === 1 ? 'is' : 'are'}). Set ${missing.length === 1 ? 'it' : 'them'} from your provider's client registration, or unset the others to sign in with passwords only.`,
    )
  const allowedDomains = (given('COURIER_OIDC_ALLOWED_DOMAINS') ?? '')
    .split(/[\s,]+/)
    .map((domain) => domain.trim().toLowerCase().replace(/^@/, ''))
    .filter(Boolean)
  for (const domain of allowedDomains)
    if (!DOMAIN.test(domain))
      throw new Error(
        `COURIER_OIDC_ALLOWED_DOMAINS: "${domain}" is not an email domain; list domains like example.com, comma-separated (no wildcards).`,
      )
  const name = given('COURIER_OIDC_NAME') ?? DEFAULT_OIDC_NAME
  if (name.length > 60)
    throw new Error('COURIER_OIDC_NAME is the button label: keep it under 60 characters, e.g. "Okta".')
  return {
    issuer: issuerUrl(given('COURIER_OIDC_ISSUER')!),
    clientId: given('COURIER_OIDC_CLIENT_ID')!,
    clientSecret: given('COURIER_OIDC_CLIENT_SECRET')!,
    name,
    allowedDomains: [...new Set(allowedDomains)],
  }
}
