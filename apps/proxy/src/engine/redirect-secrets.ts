import { authSecretNames, SECRET_HEADERS, SECRET_PARAMS, type Auth, type Pair } from '@courier/shared'

/**
 * What counts as secret in one send, for redirects to another origin: header names (the list
 * masking uses plus the Auth tab's API key header) and values (secret variables, the values of
 * secret headers and query parameters, the Auth tab's query key). Values shorter than this
 * are not matched inside other text: too likely to occur by chance.
 */
export type SendSecrets = { headerNames: ReadonlySet<string>; values: readonly string[] }

const MIN_VALUE_LENGTH = 4

export const NO_SECRETS: SendSecrets = { headerNames: SECRET_HEADERS, values: [] }

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return text
  }
}

/** Collects the secrets of a prepared request (its URL already carries the Auth tab's query key). */
export function sendSecretsOf(
  url: URL,
  headers: readonly Pair[],
  auth: Auth,
  secretValues: readonly string[] = [],
): SendSecrets {
  const extra = authSecretNames(auth)
  const headerNames = new Set([...SECRET_HEADERS, ...extra.headers])
  const values = new Set(secretValues)
  for (const [name, value] of headers) if (headerNames.has(name.toLowerCase())) values.add(value)
  for (const [name, value] of url.searchParams) {
    const lower = name.toLowerCase()
    if (SECRET_PARAMS.has(lower) || extra.params.has(lower)) values.add(value)
  }
  return { headerNames, values: [...values].filter((value) => value.length >= MIN_VALUE_LENGTH) }
}

function carriesSecret(text: string, secrets: SendSecrets): boolean {
  return secrets.values.some((value) => text.includes(value))
}

/**
 * Removes, for a hop to another origin, every header that is secret by name or carries a secret
 * value, and every query parameter of the target URL that carries a secret value (a server that
 * echoes the key into its Location). A token the server minted for the next origin stays.
 */
export function stripSecrets(
  headers: readonly Pair[],
  url: URL,
  secrets: SendSecrets,
): { headers: Pair[]; url: URL; dropped: string[] } {
  const dropped: string[] = []
  const kept = headers.filter(([name, value]) => {
    const secret = secrets.headerNames.has(name.toLowerCase()) || carriesSecret(value, secrets)
    if (secret) dropped.push(name)
    return !secret
  })
  if (url.search === '') return { headers: kept, url, dropped }
  const pieces = url.search.slice(1).split('&')
  const keptPieces = pieces.filter((piece) => {
    const eq = piece.indexOf('=')
    const value = decodeSafe(eq === -1 ? '' : piece.slice(eq + 1))
    const secret = carriesSecret(value, secrets) || carriesSecret(piece, secrets)
    if (secret) dropped.push(`${decodeSafe(eq === -1 ? piece : piece.slice(0, eq))} (query)`)
    return !secret
  })
  if (keptPieces.length === pieces.length) return { headers: kept, url, dropped }
  const next = new URL(url.href)
  next.search = keptPieces.length ? `?${keptPieces.join('&')}` : ''
  return { headers: kept, url: next, dropped }
}
