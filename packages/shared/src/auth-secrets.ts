import type { Auth } from './request-spec.js'

/**
 * The Auth tab's secret fields (passwords, tokens, keys, the client secret) passed through `hide`;
 * every other field kept. The one list of which auth fields are secrets: history redaction,
 * exports and copy as code all mask through it.
 */
export function mapAuthSecrets(auth: Auth, hide: (value: string) => string): Auth {
  switch (auth.type) {
    case 'basic':
    case 'digest':
      return { ...auth, password: hide(auth.password) }
    case 'bearer':
      return { ...auth, token: hide(auth.token) }
    case 'apikey':
      return { ...auth, value: hide(auth.value) }
    case 'oauth2':
      return {
        ...auth,
        config: { ...auth.config, clientSecret: hide(auth.config.clientSecret), password: hide(auth.config.password) },
      }
    case 'oauth1':
      return {
        ...auth,
        config: {
          ...auth.config,
          consumerSecret: hide(auth.config.consumerSecret),
          tokenSecret: hide(auth.config.tokenSecret),
          privateKey: hide(auth.config.privateKey),
        },
      }
    case 'awsv4':
      return {
        ...auth,
        config: {
          ...auth.config,
          secretKey: hide(auth.config.secretKey),
          sessionToken: hide(auth.config.sessionToken),
        },
      }
    default:
      return auth
  }
}

/** Names (lower-case) that are secrets for one send only: an API key the Auth tab named freely. */
export type ExtraSecrets = { headers: ReadonlySet<string>; params: ReadonlySet<string> }

const NO_EXTRA_SECRETS: ExtraSecrets = { headers: new Set(), params: new Set() }

/** The header or query parameter the Auth tab's API key travels in, whatever it is called. */
export function authSecretNames(auth: Auth): ExtraSecrets {
  // A signature travels with the request: the OAuth token and signature when sent in the query, AWS's session token.
  if (auth.type === 'oauth1') return { headers: new Set(), params: new Set(['oauth_token', 'oauth_signature']) }
  if (auth.type === 'awsv4')
    return { headers: new Set(['x-amz-security-token']), params: new Set(['x-amz-security-token', 'x-amz-signature']) }
  if (auth.type !== 'apikey' || auth.name.trim() === '') return NO_EXTRA_SECRETS
  const name = auth.name.trim().toLowerCase()
  return auth.in === 'query'
    ? { headers: new Set(), params: new Set([name]) }
    : { headers: new Set([name]), params: new Set() }
}
