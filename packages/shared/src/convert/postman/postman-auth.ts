import { OAuth2ConfigSchema, type Auth, type OAuth2Config } from '../../request-spec.js'
import { arr, isRecord, str } from '../parse-document.js'

type PostmanParam = { key: string; value: string; type: string }
export type PostmanAuth = { type: string } & Record<string, unknown>

const GRANTS_IN: Record<string, OAuth2Config['grant']> = {
  authorization_code: 'authorization_code',
  authorization_code_with_pkce: 'authorization_code_pkce',
  client_credentials: 'client_credentials',
  password_credentials: 'password',
  implicit: 'implicit',
}
const GRANTS_OUT: Partial<Record<OAuth2Config['grant'], string>> = Object.fromEntries(
  Object.entries(GRANTS_IN).map(([k, v]) => [v, k]),
)

/** Postman auth parameters (`[{key, value}]`, v2.1) as a plain object. */
function params(auth: Record<string, unknown>, type: string): Record<string, string> {
  const raw = auth[type]
  if (isRecord(raw)) return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, str(v)])) // v2.0 shape
  return Object.fromEntries(
    arr(raw)
      .filter(isRecord)
      .map((p) => [str(p.key), str(p.value)]),
  )
}

export type AuthIn = { auth: Auth; problem?: string }

/**
 * Postman auth → Courier auth. No auth object means "inherit from parent" in Postman too;
 * types Courier has no signer for (AWS v4, Hawk, NTLM, OAuth 1…) become none, with the reason.
 */
export function authFromPostman(raw: unknown): AuthIn {
  if (!isRecord(raw) || typeof raw.type !== 'string') return { auth: { type: 'inherit' } }
  const p = params(raw, raw.type)
  switch (raw.type) {
    case 'noauth':
      return { auth: { type: 'none' } }
    case 'basic':
      return { auth: { type: 'basic', username: p.username ?? '', password: p.password ?? '' } }
    case 'digest':
      return { auth: { type: 'digest', username: p.username ?? '', password: p.password ?? '' } }
    case 'bearer':
      return { auth: { type: 'bearer', token: p.token ?? '', prefix: 'Bearer' } }
    case 'apikey':
      return {
        auth: { type: 'apikey', name: p.key ?? '', value: p.value ?? '', in: p.in === 'query' ? 'query' : 'header' },
      }
    case 'oauth2': {
      const grant = GRANTS_IN[p.grant_type ?? 'authorization_code']
      const config = OAuth2ConfigSchema.parse({
        grant: grant ?? 'authorization_code',
        authUrl: p.authUrl ?? '',
        tokenUrl: p.accessTokenUrl ?? '',
        clientId: p.clientId ?? '',
        clientSecret: p.clientSecret ?? '',
        clientAuth: p.client_authentication === 'body' ? 'client_secret_post' : 'client_secret_basic',
        scope: p.scope ?? '',
        audience: p.audience ?? '',
        resource: p.resource ?? '',
        redirectUri: p.redirect_uri ?? '',
        pkceMethod: p.challengeAlgorithm === 'plain' ? 'plain' : 'S256',
        username: p.username ?? '',
        password: p.password ?? '',
        headerPrefix: p.headerPrefix || 'Bearer',
      })
      const problems = [
        grant ? null : `grant type “${p.grant_type}” is not one Courier knows, so authorization code is used`,
        p.accessToken ? 'the stored access token was not imported; get a new one in the Auth tab' : null,
        p.addTokenTo === 'queryParams' ? 'the token goes in the Authorization header, not the query' : null,
      ].filter(Boolean)
      return {
        auth: { type: 'oauth2', config },
        ...(problems.length ? { problem: `OAuth 2: ${problems.join('; ')}.` } : {}),
      }
    }
    default:
      return {
        auth: { type: 'none' },
        problem: `Courier cannot sign requests with “${raw.type}” auth; the request was imported without auth.`,
      }
  }
}

function list(values: Record<string, string>): PostmanParam[] {
  return Object.entries(values).map(([key, value]) => ({ key, value, type: 'string' }))
}

export type AuthOut = { auth: PostmanAuth | undefined; problem?: string }

/** Courier auth → Postman v2.1 auth; `inherit` is Postman's absent auth. */
export function authToPostman(auth: Auth): AuthOut {
  switch (auth.type) {
    case 'inherit':
      return { auth: undefined }
    case 'none':
      return { auth: { type: 'noauth' } }
    case 'basic':
    case 'digest':
      return { auth: { type: auth.type, [auth.type]: list({ username: auth.username, password: auth.password }) } }
    case 'bearer':
      return {
        auth: { type: 'bearer', bearer: list({ token: auth.token }) },
        ...(auth.prefix !== 'Bearer'
          ? { problem: `Postman always sends “Bearer”; the prefix “${auth.prefix}” was not kept.` }
          : {}),
      }
    case 'apikey':
      return { auth: { type: 'apikey', apikey: list({ key: auth.name, value: auth.value, in: auth.in }) } }
    case 'oauth2': {
      const c = auth.config
      const grant = GRANTS_OUT[c.grant]
      return {
        auth: {
          type: 'oauth2',
          oauth2: list({
            grant_type: grant ?? 'authorization_code',
            authUrl: c.authUrl,
            accessTokenUrl: c.tokenUrl,
            clientId: c.clientId,
            clientSecret: c.clientSecret,
            client_authentication: c.clientAuth === 'client_secret_post' ? 'body' : 'header',
            scope: c.scope,
            redirect_uri: c.redirectUri,
            challengeAlgorithm: c.pkceMethod,
            username: c.username,
            password: c.password,
            headerPrefix: c.headerPrefix,
            addTokenTo: 'header',
            ...(c.audience ? { audience: c.audience } : {}),
            ...(c.resource ? { resource: c.resource } : {}),
          }),
        },
        ...(grant ? {} : { problem: `Postman has no “${c.grant}” grant; it was exported as authorization code.` }),
      }
    }
  }
}
