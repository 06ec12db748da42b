import type { Auth } from '@courier/shared'

const GRANTS: Record<string, string> = {
  authorization_code: 'authorization code',
  authorization_code_pkce: 'authorization code with PKCE',
  client_credentials: 'client credentials',
  password: 'password',
  implicit: 'implicit',
  device_code: 'device code',
  refresh_token: 'refresh token',
}

/** One line saying what an auth setting sends, secrets left out: for inherited auth and badges. */
export function authSummary(auth: Auth): string {
  switch (auth.type) {
    case 'none':
      return 'No auth'
    case 'inherit':
      return 'Inherited from the parent'
    case 'basic':
      return auth.username ? `Basic auth as ${auth.username}` : 'Basic auth'
    case 'bearer':
      return `Bearer token${auth.prefix.trim() && auth.prefix.trim() !== 'Bearer' ? ` (prefix “${auth.prefix.trim()}”)` : ''}`
    case 'apikey':
      return `API key ${auth.name || '(unnamed)'} in the ${auth.in === 'query' ? 'query' : 'headers'}`
    case 'digest':
      return auth.username ? `Digest auth as ${auth.username}` : 'Digest auth'
    case 'oauth1':
      return `OAuth 1.0 (${auth.config.signatureMethod})${auth.config.consumerKey ? ` for ${auth.config.consumerKey}` : ''}`
    case 'awsv4':
      return `AWS Signature for ${auth.config.service || 'execute-api'} in ${auth.config.region || 'us-east-1'}`
    case 'oauth2':
      return `OAuth 2.0, ${GRANTS[auth.config.grant] ?? auth.config.grant}${auth.config.clientId ? ` for ${auth.config.clientId}` : ''}`
  }
}

/** What the request will really use: `inherit` takes the parent's auth, or none without a parent. */
export function effectiveAuth(auth: Auth, inherited: { auth: Auth } | null | undefined): Auth {
  if (auth.type !== 'inherit') return auth
  return inherited?.auth && inherited.auth.type !== 'inherit' ? inherited.auth : { type: 'none' }
}
