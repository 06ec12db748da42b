import type { AuthType } from '@courier/shared'

/** The auth types as the Auth type picker names them. */
export const TYPE_LABELS: Record<AuthType, string> = {
  inherit: 'Inherit from parent',
  none: 'No auth',
  basic: 'Basic',
  bearer: 'Bearer token',
  apikey: 'API key',
  digest: 'Digest',
  oauth2: 'OAuth 2.0',
  oauth1: 'OAuth 1.0',
  awsv4: 'AWS Signature',
}
