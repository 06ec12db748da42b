import type { Assertion, AssertionOperator } from '../../scripts.js'
import type { Auth, CaptureRule, OAuth2Config } from '../../request-spec.js'
import {
  AwsSigV4ConfigSchema,
  OAUTH1_SIGNATURE_METHODS,
  OAuth1ConfigSchema,
  OAuth2ConfigSchema,
} from '../../request-spec.js'
import { str, isRecord } from '../parse-document.js'
import type { BruKeyValue } from './bru-lang.js'

/** The one place that knows how Bruno's and Courier's auth, assertions and captures correspond. */

/** Bruno auth modes Courier sends the same way. The rest (ntlm, wsse, akamai, aws profiles) are reported. */
export function authFromBruno(
  mode: string | undefined,
  blocks: Record<string, unknown> | undefined,
): { auth: Auth } | { unsupported: string } {
  const block = (key: string) => (isRecord(blocks?.[key]) ? (blocks[key] as Record<string, unknown>) : {})
  switch (mode ?? 'none') {
    case 'none':
      return { auth: { type: 'none' } }
    case 'inherit':
      return { auth: { type: 'inherit' } }
    case 'basic':
      return { auth: { type: 'basic', username: str(block('basic').username), password: str(block('basic').password) } }
    case 'digest':
      return {
        auth: { type: 'digest', username: str(block('digest').username), password: str(block('digest').password) },
      }
    case 'bearer':
      return { auth: { type: 'bearer', token: str(block('bearer').token), prefix: 'Bearer' } }
    case 'apikey': {
      const b = block('apikey')
      return {
        auth: {
          type: 'apikey',
          name: str(b.key),
          value: str(b.value),
          in: str(b.placement) === 'queryparams' ? 'query' : 'header',
        },
      }
    }
    case 'awsv4': {
      const b = block('awsv4')
      // A named AWS profile is read from ~/.aws by Bruno; Courier needs the keys themselves.
      if (str(b.profileName) && !str(b.secretAccessKey)) return { unsupported: 'awsv4 with an AWS profile' }
      return {
        auth: {
          type: 'awsv4',
          config: AwsSigV4ConfigSchema.parse({
            accessKey: str(b.accessKeyId),
            secretKey: str(b.secretAccessKey),
            sessionToken: str(b.sessionToken),
            ...(str(b.region) ? { region: str(b.region) } : {}),
            ...(str(b.service) ? { service: str(b.service) } : {}),
          }),
        },
      }
    }
    case 'oauth1': {
      const b = block('oauth1')
      const method = str(b.signatureMethod) || 'HMAC-SHA1'
      if (!(OAUTH1_SIGNATURE_METHODS as readonly string[]).includes(method)) return { unsupported: `oauth1 ${method}` }
      if (b.privateKeyType === 'file') return { unsupported: 'oauth1 with a private key file' }
      return {
        auth: {
          type: 'oauth1',
          config: OAuth1ConfigSchema.parse({
            consumerKey: str(b.consumerKey),
            consumerSecret: str(b.consumerSecret),
            token: str(b.accessToken),
            tokenSecret: str(b.accessTokenSecret),
            signatureMethod: method,
            privateKey: str(b.privateKey),
            timestamp: str(b.timestamp),
            nonce: str(b.nonce),
            version: str(b.version) || '1.0',
            realm: str(b.realm),
            callback: str(b.callbackUrl),
            verifier: str(b.verifier),
            includeBodyHash: b.includeBodyHash === true,
            addTo: str(b.placement) === 'query' ? 'query' : str(b.placement) === 'body' ? 'body' : 'header',
          }),
        },
      }
    }
    case 'oauth2': {
      const b = block('oauth2')
      const grant = str(b.grantType)
      const config: OAuth2Config = OAuth2ConfigSchema.parse({
        grant:
          grant === 'password'
            ? 'password'
            : grant === 'client_credentials'
              ? 'client_credentials'
              : grant === 'implicit'
                ? 'implicit'
                : b.pkce === true
                  ? 'authorization_code_pkce'
                  : 'authorization_code',
        authUrl: str(b.authorizationUrl),
        tokenUrl: str(b.accessTokenUrl),
        clientId: str(b.clientId),
        clientSecret: str(b.clientSecret),
        clientAuth: str(b.credentialsPlacement) === 'basic_auth_header' ? 'client_secret_basic' : 'client_secret_post',
        scope: str(b.scope),
        redirectUri: str(b.callbackUrl),
        username: str(b.username),
        password: str(b.password),
        headerPrefix: str(b.tokenHeaderPrefix) || 'Bearer',
        autoRefresh: b.autoRefreshToken === true,
      })
      return { auth: { type: 'oauth2', config } }
    }
    default:
      return { unsupported: mode ?? '' }
  }
}

/** Courier's auth as Bruno's `auth:` mode and block. */
export function authToBruno(auth: Auth): { mode: string; blocks: Record<string, unknown> } {
  switch (auth.type) {
    case 'none':
    case 'inherit':
      return { mode: auth.type, blocks: {} }
    case 'basic':
      return { mode: 'basic', blocks: { basic: { username: auth.username, password: auth.password } } }
    case 'digest':
      return { mode: 'digest', blocks: { digest: { username: auth.username, password: auth.password } } }
    case 'bearer':
      return { mode: 'bearer', blocks: { bearer: { token: auth.token } } }
    case 'apikey':
      return {
        mode: 'apikey',
        blocks: {
          apikey: { key: auth.name, value: auth.value, placement: auth.in === 'query' ? 'queryparams' : 'header' },
        },
      }
    case 'awsv4': {
      const c = auth.config
      const awsv4 = { accessKeyId: c.accessKey, secretAccessKey: c.secretKey, sessionToken: c.sessionToken }
      return { mode: 'awsv4', blocks: { awsv4: { ...awsv4, service: c.service, region: c.region, profileName: '' } } }
    }
    case 'oauth1': {
      const c = auth.config
      return {
        mode: 'oauth1',
        blocks: {
          oauth1: {
            consumerKey: c.consumerKey,
            consumerSecret: c.consumerSecret,
            accessToken: c.token,
            accessTokenSecret: c.tokenSecret,
            callbackUrl: c.callback,
            verifier: c.verifier,
            signatureMethod: c.signatureMethod,
            privateKey: c.privateKey,
            privateKeyType: 'text',
            timestamp: c.timestamp,
            nonce: c.nonce,
            version: c.version,
            realm: c.realm,
            placement: c.addTo,
            includeBodyHash: c.includeBodyHash,
          },
        },
      }
    }
    case 'oauth2': {
      const c = auth.config
      const grantType = c.grant === 'authorization_code_pkce' ? 'authorization_code' : c.grant
      return {
        mode: 'oauth2',
        blocks: {
          oauth2: {
            grantType,
            authorizationUrl: c.authUrl,
            accessTokenUrl: c.tokenUrl,
            callbackUrl: c.redirectUri,
            clientId: c.clientId,
            clientSecret: c.clientSecret,
            scope: c.scope,
            username: c.username,
            password: c.password,
            pkce: c.grant === 'authorization_code_pkce',
            credentialsPlacement: c.clientAuth === 'client_secret_basic' ? 'basic_auth_header' : 'body',
            tokenPlacement: 'header',
            tokenHeaderPrefix: c.headerPrefix,
            autoRefreshToken: c.autoRefresh,
            autoFetchToken: true,
          },
        },
      }
    }
  }
}

const OPERATORS: Record<string, AssertionOperator> = {
  eq: 'equals',
  neq: 'notEquals',
  contains: 'contains',
  notContains: 'notContains',
  matches: 'matches',
  isDefined: 'exists',
  isUndefined: 'notExists',
  lt: 'lessThan',
  gt: 'greaterThan',
}
/** Every operator Bruno's assert block knows (bruno-app assertions), whether Courier has it or not. */
const BRUNO_OPERATORS = new Set([
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'notIn',
  'contains',
  'notContains',
  'length',
  'matches',
  'notMatches',
  'startsWith',
  'endsWith',
  'between',
  'isEmpty',
  'isNotEmpty',
  'isNull',
  'isUndefined',
  'isDefined',
  'isTruthy',
  'isFalsy',
  'isJson',
  'isNumber',
  'isString',
  'isBoolean',
  'isArray',
])
const OPERATOR_NAMES = Object.fromEntries(Object.entries(OPERATORS).map(([k, v]) => [v, k])) as Record<string, string>

/** `res.body.data.id` → `$.data.id`; a bracketed or odd path is taken as it is. */
function jsonPath(path: string): string {
  return `$${path.startsWith('[') ? '' : '.'}${path}`
}

/** A Bruno `assert` line (`res.status: eq 200`) as a Courier assertion, or null when it has no equal. */
export function assertionFromBruno(row: BruKeyValue): Assertion | null {
  const target = row.name
  const text = str(row.value).trim()
  let [op = '', ...rest] = text.split(/\s+/)
  // Bruno reads a value without a known operator as `eq value` (`res.status: 200`).
  if (!BRUNO_OPERATORS.has(op)) [op, rest] = ['eq', [text]]
  const operator = OPERATORS[op]
  if (!operator) return null
  const value = BRUNO_OPERATORS.has(text.split(/\s+/)[0]!) ? text.slice(op.length).trim() : text
  const enabled = row.enabled !== false
  const base = { enabled, operator, value: rest.length ? value : '' }
  if (target === 'res.status') return { ...base, source: 'status', expression: '' }
  if (target === 'res.responseTime') return { ...base, source: 'responseTime', expression: '' }
  if (target === 'res.body') return { ...base, source: 'body', expression: '' }
  const header = /^res\.headers\.(.+)$/.exec(target) ?? /^res\.headers\[['"](.+)['"]\]$/.exec(target)
  if (header) return { ...base, source: 'header', expression: header[1]! }
  const body = /^res\.body(?:\.|(?=\[))(.+)$/.exec(target)
  if (body) return { ...base, source: 'json', expression: jsonPath(body[1]!) }
  return null
}

export function assertionToBruno(a: Assertion): BruKeyValue | null {
  const op = OPERATOR_NAMES[a.operator]
  if (!op) return null
  const name =
    a.source === 'status'
      ? 'res.status'
      : a.source === 'responseTime'
        ? 'res.responseTime'
        : a.source === 'body'
          ? 'res.body'
          : a.source === 'header'
            ? `res.headers.${a.expression}`
            : a.source === 'json' && /^\$[.[]/.test(a.expression)
              ? `res.body${a.expression.startsWith('$[') ? '' : '.'}${a.expression.slice(a.expression.startsWith('$[') ? 1 : 2)}`
              : null
  if (!name) return null
  return { name, value: a.value === '' ? op : `${op} ${a.value}`, enabled: a.enabled }
}

/** A `vars:post-response` row (`token: res.body.token`) as a capture rule, or null. */
export function captureFromBruno(row: BruKeyValue): CaptureRule | null {
  const expression = str(row.value).trim()
  const base = { variable: row.name, scope: 'environment' as const, enabled: row.enabled !== false }
  if (expression === 'res.status') return { ...base, source: 'status', expression: '' }
  const header = /^res\.headers\.([\w-]+)$/.exec(expression) ?? /^res\.headers\[['"](.+)['"]\]$/.exec(expression)
  if (header) return { ...base, source: 'header', expression: header[1]! }
  if (expression === 'res.body') return { ...base, source: 'json', expression: '$' }
  const body = /^res\.body(?:\.|(?=\[))([\w.[\]'"-]+)$/.exec(expression)
  if (body) return { ...base, source: 'json', expression: jsonPath(body[1]!) }
  return null
}

export function captureToBruno(c: CaptureRule): BruKeyValue {
  const value =
    c.source === 'status'
      ? 'res.status'
      : c.source === 'header'
        ? /^[\w-]+$/.test(c.expression)
          ? `res.headers.${c.expression}`
          : `res.headers['${c.expression}']`
        : c.expression === '$'
          ? 'res.body'
          : `res.body${c.expression.startsWith('$[') ? '' : '.'}${c.expression.slice(c.expression.startsWith('$[') ? 1 : 2)}`
  return { name: c.variable, value, enabled: c.enabled, local: false }
}
