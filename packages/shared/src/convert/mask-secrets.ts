import type { Auth, RequestSpec } from '../request-spec.js'
import type { Variable } from '../variables.js'
import { mapAuthSecrets } from '../auth-secrets.js'
import { REDACTED, isSecretHeader } from '../http-rules.js'

/** Counts what an export left out, so its notes can say so. */
export class SecretTally {
  count = 0
  note(): string[] {
    return this.count
      ? [
          `${this.count} secret value${this.count > 1 ? 's were' : ' was'} left out (secret variables, passwords, tokens, keys); export again with “Include secrets” to keep them.`,
        ]
      : []
  }
}

/** A `{{variable}}` reference is not itself a secret: only literal values are removed. */
function hide(value: string, tally: SecretTally, replacement: string): string {
  if (/^\s*(Bearer|Basic|Token|Digest)?\s*$/i.test(value.replace(/\{\{[^{}]+\}\}/g, ''))) return value
  tally.count++
  return replacement
}

export function maskVariables(variables: readonly Variable[], tally: SecretTally): Variable[] {
  return variables.map((v) => (v.secret && v.value !== '' ? (tally.count++, { ...v, value: '' }) : v))
}

/** Credentials typed into an auth tab, emptied (exports) or replaced by ••••••. */
export function maskAuth(auth: Auth, tally: SecretTally, replacement = ''): Auth {
  return mapAuthSecrets(auth, (value) => hide(value, tally, replacement))
}

/** Values of secret headers (Authorization, Cookie, API keys), at any level: request, folder, collection. */
export function maskHeaders(
  headers: RequestSpec['headers'],
  tally: SecretTally,
  replacement = '',
): RequestSpec['headers'] {
  return headers.map(([name, value, enabled]) => [
    name,
    isSecretHeader(name) ? hide(value, tally, replacement) : value,
    enabled,
  ])
}

/** The auth tab's credentials and secret headers of one request. */
export function maskSpec(spec: RequestSpec, tally: SecretTally, replacement = ''): RequestSpec {
  return {
    ...spec,
    headers: maskHeaders(spec.headers, tally, replacement),
    auth: maskAuth(spec.auth, tally, replacement),
  }
}

export { REDACTED }

/** The field a typed credential came from, as the `{{name}}` copy as code puts in its place. */
const AUTH_PLACEHOLDER: Partial<Record<Auth['type'], string>> = {
  basic: 'password',
  digest: 'password',
  bearer: 'token',
  apikey: 'apiKey',
  oauth2: 'clientSecret',
}

/** `Bearer abc` → `Bearer {{name}}`: the scheme stays, the credential becomes a placeholder. */
function placeholder(value: string, name: string, tally: SecretTally): string {
  const kept = hide(value, tally, '')
  if (kept === value) return value
  const scheme = /^\s*(Bearer|Basic|Token|Digest)\s+/i.exec(value)?.[0] ?? ''
  return `${scheme}{{${name}}}`
}

/**
 * Copy as code without secrets: each typed credential (auth fields, secret headers) replaced by a
 * `{{placeholder}}` named for its field, so the code reads as a template, never as ••••••.
 */
export function placeholderSpec(spec: RequestSpec, tally: SecretTally): RequestSpec {
  const authName = AUTH_PLACEHOLDER[spec.auth.type] ?? 'secret'
  return {
    ...spec,
    headers: spec.headers.map(([name, value, enabled]) => [
      name,
      isSecretHeader(name) ? placeholder(value, name.trim(), tally) : value,
      enabled,
    ]),
    auth: mapAuthSecrets(spec.auth, (value) => placeholder(value, authName, tally)),
  }
}
