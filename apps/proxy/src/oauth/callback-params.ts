import type { Pair } from '@courier/shared'
import { oauthError } from './oauth-error.js'

/** The only things an authorization response may tell Courier (docs/security.md#oauth). */
export type CallbackParams = {
  state: string | null
  code: string | null
  iss: string | null
  error: string | null
  errorDescription: string | null
  errorUri: string | null
  /** Implicit grant (RFC 6749 §4.2.2): the token arrives in the fragment. */
  accessToken: string | null
  tokenType: string | null
  expiresIn: string | null
  scope: string | null
  idToken: string | null
}

const KNOWN: Record<string, keyof CallbackParams> = {
  state: 'state',
  code: 'code',
  iss: 'iss',
  error: 'error',
  error_description: 'errorDescription',
  error_uri: 'errorUri',
  access_token: 'accessToken',
  token_type: 'tokenType',
  expires_in: 'expiresIn',
  scope: 'scope',
  id_token: 'idToken',
}

const MAX_VALUE = 16 * 1024

/**
 * Reads the parameters of an authorization response. Anything else is ignored (a
 * `redirect_uri` or `return_to` there never steers Courier — docs/security.md#oauth); a parameter
 * given twice makes the whole response ambiguous and it is refused (O-07).
 */
export function readCallbackParams(pairs: readonly Pair[]): CallbackParams {
  const params: CallbackParams = {
    state: null,
    code: null,
    iss: null,
    error: null,
    errorDescription: null,
    errorUri: null,
    accessToken: null,
    tokenType: null,
    expiresIn: null,
    scope: null,
    idToken: null,
  }
  for (const [name, value] of pairs) {
    const key = KNOWN[name]
    if (!key) continue
    if (params[key] !== null) {
      throw oauthError(
        'OAUTH_CALLBACK_INVALID',
        'callback',
        `The authorization response carries ${name} more than once, so Courier cannot tell which one the provider meant.`,
      )
    }
    if (value.length > MAX_VALUE)
      throw oauthError(
        'OAUTH_CALLBACK_INVALID',
        'callback',
        `The ${name} in the authorization response is longer than 16 KiB.`,
      )
    params[key] = value
  }
  return params
}

/** Query (code flows) and fragment (implicit) parameters of a pasted or visited redirect URL. */
export function pairsOfRedirect(url: URL): { query: Pair[]; fragment: Pair[] } {
  return { query: [...url.searchParams], fragment: [...new URLSearchParams(url.hash.replace(/^#/, ''))] }
}
