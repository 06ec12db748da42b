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
