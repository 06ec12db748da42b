import { OAuth2ConfigSchema, type Auth } from '../../request-spec.js'
import type { Variable } from '../../variables.js'
import { isRecord, str } from '../parse-document.js'

export type SecurityOut = { auth: Auth; variables: Variable[]; problem?: string }

const variable = (name: string, secret: boolean): Variable => ({ name, value: '', enabled: true, secret })

/**
 * One security scheme (OpenAPI 3 `components.securitySchemes` or Swagger 2
 * `securityDefinitions`) as Courier auth. Credentials become `{{variables}}` the import
 * declares empty, so the report and the editor show what to fill in.
 */
export function authFromScheme(name: string, scheme: unknown, scopes: readonly string[]): SecurityOut {
  if (!isRecord(scheme))
    return { auth: { type: 'none' }, variables: [], problem: `Security scheme “${name}” is not defined.` }
  const type = str(scheme.type)
  if (type === 'basic' || (type === 'http' && /^basic$/i.test(str(scheme.scheme)))) {
    return {
      auth: { type: 'basic', username: '{{username}}', password: '{{password}}' },
      variables: [variable('username', false), variable('password', true)],
    }
  }
  if (type === 'http' && /^bearer$/i.test(str(scheme.scheme))) {
    return {
      auth: { type: 'bearer', token: '{{bearerToken}}', prefix: 'Bearer' },
      variables: [variable('bearerToken', true)],
    }
  }
  if (type === 'http' && /^digest$/i.test(str(scheme.scheme))) {
    return {
      auth: { type: 'digest', username: '{{username}}', password: '{{password}}' },
      variables: [variable('username', false), variable('password', true)],
    }
  }
  if (type === 'apiKey') {
    const where = str(scheme.in)
    if (where === 'cookie') {
      return {
        auth: { type: 'none' },
        variables: [variable('apiKey', true)],
        problem: `Scheme “${name}” sends an API key in the cookie “${str(scheme.name)}”; add it in the Cookies field as ${str(scheme.name)}={{apiKey}}.`,
      }
    }
    return {
      auth: { type: 'apikey', name: str(scheme.name), value: '{{apiKey}}', in: where === 'query' ? 'query' : 'header' },
      variables: [variable('apiKey', true)],
    }
  }
  if (type === 'oauth2' || type === 'openIdConnect') {
    const vars = [variable('clientId', false), variable('clientSecret', true)]
    const base = { clientId: '{{clientId}}', clientSecret: '{{clientSecret}}', scope: scopes.join(' ') }
    if (type === 'openIdConnect') {
      const issuer = str(scheme.openIdConnectUrl).replace(/\/\.well-known\/openid-configuration\/?$/, '')
      return {
        auth: {
          type: 'oauth2',
          config: OAuth2ConfigSchema.parse({ ...base, grant: 'authorization_code_pkce', issuer }),
        },
        variables: vars,
      }
    }
    // OpenAPI 3 `flows` or Swagger 2 `flow` + urls.
    const flows = isRecord(scheme.flows) ? scheme.flows : { [str(scheme.flow)]: scheme }
    const order: [string, 'authorization_code_pkce' | 'client_credentials' | 'password' | 'implicit'][] = [
      ['authorizationCode', 'authorization_code_pkce'],
      ['accessCode', 'authorization_code_pkce'],
      ['clientCredentials', 'client_credentials'],
      ['application', 'client_credentials'],
      ['password', 'password'],
      ['implicit', 'implicit'],
    ]
    for (const [key, grant] of order) {
      const flow = flows[key]
      if (!isRecord(flow)) continue
      const config = OAuth2ConfigSchema.parse({
        ...base,
        grant,
        authUrl: str(flow.authorizationUrl),
        tokenUrl: str(flow.tokenUrl),
      })
      return {
        auth: { type: 'oauth2', config },
        variables: grant === 'password' ? [...vars, variable('username', false), variable('password', true)] : vars,
      }
    }
    return { auth: { type: 'none' }, variables: [], problem: `OAuth 2 scheme “${name}” lists no flow Courier knows.` }
  }
  return {
    auth: { type: 'none' },
    variables: [],
    problem: `Courier cannot authenticate with the “${type || 'unknown'}” security scheme “${name}”.`,
  }
}
