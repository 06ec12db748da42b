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
        ...(grant === 'password' ? { username: '{{username}}', password: '{{password}}' } : {}),
      })
      const others = Object.keys(flows).filter((k) => k !== key && isRecord(flows[k]))
      return {
        auth: { type: 'oauth2', config },
        variables: grant === 'password' ? [...vars, variable('username', false), variable('password', true)] : vars,
        ...(others.length
          ? {
              problem: `Scheme “${name}” also offers the ${others.join(', ')} flow${others.length > 1 ? 's' : ''}; Courier uses ${key} (all flows are listed in the collection's description).`,
            }
          : {}),
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

/**
 * The security schemes as a Markdown section for the collection's description: every flow's
 * URLs and scopes, the OpenID Connect discovery URL, where an API key goes. Auth holds one
 * flow; this keeps the rest in sight.
 */
export function securityNotes(schemes: Record<string, unknown>): string {
  const lines: string[] = []
  for (const [name, scheme] of Object.entries(schemes)) {
    if (!isRecord(scheme)) continue
    const type = str(scheme.type)
    const about = str(scheme.description).split('\n')[0]!.slice(0, 200)
    if (type === 'apiKey') lines.push(`- **${name}**: API key \`${str(scheme.name)}\` in the ${str(scheme.in)}`)
    else if (type === 'http' || type === 'basic') lines.push(`- **${name}**: HTTP ${str(scheme.scheme, 'basic')}`)
    else if (type === 'openIdConnect')
      lines.push(
        `- **${name}**: OpenID Connect, discovery URL ${str(scheme.openIdConnectUrl)} (imported as OAuth 2 with that issuer)`,
      )
    else if (type === 'oauth2') {
      lines.push(`- **${name}**: OAuth 2`)
      const flows = isRecord(scheme.flows) ? scheme.flows : { [str(scheme.flow)]: scheme }
      for (const [flowName, flow] of Object.entries(flows)) {
        if (!isRecord(flow)) continue
        const urls = [
          str(flow.authorizationUrl) && `authorization URL ${str(flow.authorizationUrl)}`,
          str(flow.tokenUrl) && `token URL ${str(flow.tokenUrl)}`,
          str(flow.refreshUrl) && `refresh URL ${str(flow.refreshUrl)}`,
        ].filter(Boolean)
        const scopes = isRecord(flow.scopes) ? Object.entries(flow.scopes) : []
        lines.push(`  - ${flowName}: ${urls.join(', ') || 'no URLs'}`)
        for (const [scope, text] of scopes.slice(0, 200))
          lines.push(`    - \`${scope}\`${str(text) ? `: ${str(text)}` : ''}`)
      }
    } else lines.push(`- **${name}**: ${type || 'unknown type'}`)
    if (about) lines[lines.length - 1] += ` — ${about}`
  }
  return lines.length ? `## Security\n\n${lines.join('\n')}` : ''
}
