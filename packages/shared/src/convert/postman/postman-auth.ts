import {
  AwsSigV4ConfigSchema,
  OAUTH1_SIGNATURE_METHODS,
  OAuth1ConfigSchema,
  OAuth2ConfigSchema,
  type Auth,
  type OAuth1Config,
  type OAuth2Config,
} from '../../request-spec.js'
import { arr, isRecord, str } from '../parse-document.js'

type PostmanParam = { key: string; value: string | boolean; type: string }
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
 * types Courier has no signer for (Hawk, NTLM, Akamai EdgeGrid…) become none, with the reason.
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
    case 'oauth1':
      return oauth1FromPostman(p)
    case 'awsv4':
      return awsFromPostman(p)
    default:
      return {
        auth: { type: 'none' },
        problem: `Courier cannot sign requests with “${raw.type}” auth; the request was imported without auth.`,
      }
  }
}

function list(values: Record<string, string | boolean>): PostmanParam[] {
  return Object.entries(values).map(([key, value]) => ({
    key,
    value,
    type: typeof value === 'boolean' ? 'boolean' : 'string',
  }))
}

const OAUTH1_KEYS = [
  'consumerKey',
  'consumerSecret',
  'token',
  'tokenSecret',
  'signatureMethod',
  'privateKey',
  'timestamp',
  'nonce',
  'version',
  'realm',
  'callback',
  'verifier',
  'includeBodyHash',
  'addEmptyParamsToSign',
  'addParamsToHeader',
]
const AWS_KEYS = ['accessKey', 'secretKey', 'sessionToken', 'region', 'service']

/** Postman keeps booleans as booleans (v2.1) or as "true"/"false" strings (older exports). */
const isTrue = (value: string | undefined) => value === 'true'

/** Fields Postman has that Courier does not carry, by name; `ignored` are Postman's UI state with no effect on the wire. */
function uncarried(p: Record<string, string>, known: readonly string[], ignored: readonly string[] = []): string[] {
  return Object.keys(p).filter((key) => !known.includes(key) && !ignored.includes(key) && p[key] !== '')
}

function oauth1FromPostman(p: Record<string, string>): AuthIn {
  const method = (p.signatureMethod ?? 'HMAC-SHA1').toUpperCase()
  const known = (OAUTH1_SIGNATURE_METHODS as readonly string[]).includes(method)
  const config = OAuth1ConfigSchema.parse({
    consumerKey: p.consumerKey ?? '',
    consumerSecret: p.consumerSecret ?? '',
    token: p.token ?? '',
    tokenSecret: p.tokenSecret ?? '',
    signatureMethod: known ? method : 'HMAC-SHA1',
    privateKey: p.privateKey ?? '',
    timestamp: p.timestamp ?? '',
    nonce: p.nonce ?? '',
    version: p.version ?? '1.0',
    realm: p.realm ?? '',
    callback: p.callback ?? '',
    verifier: p.verifier ?? '',
    includeBodyHash: isTrue(p.includeBodyHash),
    addEmptyParamsToSign: isTrue(p.addEmptyParamsToSign),
    // Postman's "not in the header" is the body for a form POST/PUT and the query otherwise: Courier's `body`.
    addTo: p.addParamsToHeader === undefined || isTrue(p.addParamsToHeader) ? 'header' : 'body',
  })
  const problems = [
    known ? null : `signature method “${p.signatureMethod}” is not one Courier has, so HMAC-SHA1 is used`,
    isTrue(p.disableHeaderEncoding)
      ? '“disableHeaderEncoding” is not carried: Courier always encodes the header'
      : null,
    ...uncarried(p, OAUTH1_KEYS, ['disableHeaderEncoding']).map((key) => `“${key}” is not carried`),
  ].filter(Boolean)
  return {
    auth: { type: 'oauth1', config },
    ...(problems.length ? { problem: `OAuth 1.0: ${problems.join('; ')}.` } : {}),
  }
}

function awsFromPostman(p: Record<string, string>): AuthIn {
  const config = AwsSigV4ConfigSchema.parse({
    accessKey: p.accessKey ?? '',
    secretKey: p.secretKey ?? '',
    sessionToken: p.sessionToken ?? '',
    region: p.region || 'us-east-1',
    service: p.service || 'execute-api',
  })
  const problems = [
    isTrue(p.addAuthDataToQuery)
      ? '“addAuthDataToQuery” is not carried: Courier signs in the Authorization header, not the query'
      : null,
    ...uncarried(p, AWS_KEYS, ['addAuthDataToQuery']).map((key) => `“${key}” is not carried`),
  ].filter(Boolean)
  return {
    auth: { type: 'awsv4', config },
    ...(problems.length ? { problem: `AWS Signature: ${problems.join('; ')}.` } : {}),
  }
}

function oauth1ToPostman(c: OAuth1Config): AuthOut {
  return {
    auth: {
      type: 'oauth1',
      oauth1: list({
        consumerKey: c.consumerKey,
        consumerSecret: c.consumerSecret,
        token: c.token,
        tokenSecret: c.tokenSecret,
        signatureMethod: c.signatureMethod,
        ...(c.privateKey ? { privateKey: c.privateKey } : {}),
        timestamp: c.timestamp,
        nonce: c.nonce,
        version: c.version,
        realm: c.realm,
        callback: c.callback,
        verifier: c.verifier,
        includeBodyHash: c.includeBodyHash,
        addEmptyParamsToSign: c.addEmptyParamsToSign,
        addParamsToHeader: c.addTo === 'header',
      }),
    },
    ...(c.addTo === 'query'
      ? {
          problem:
            'OAuth 1.0 “add to the query” is exported as Postman’s “not in the header”, which puts the parameters in a form body when there is one.',
        }
      : {}),
  }
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
    case 'oauth1':
      return oauth1ToPostman(auth.config)
    case 'awsv4':
      return {
        auth: {
          type: 'awsv4',
          awsv4: list({
            accessKey: auth.config.accessKey,
            secretKey: auth.config.secretKey,
            sessionToken: auth.config.sessionToken,
            region: auth.config.region,
            service: auth.config.service,
          }),
        },
      }
  }
}
