import { REDACTED } from '@courier/shared'

/** A secret value to mask: a bare value shows as ••••••, a secret variable's value as its `{{name}}`. */
export type SecretValue = string | { name: string; value: string }

/** Percent-encodes what `new URL` encodes in one part: controls, space, non-ASCII and `also`. */
function urlEncoded(text: string, also: string): string {
  return [...text]
    .map((c) => (c.charCodeAt(0) <= 0x20 || c.charCodeAt(0) >= 0x7f || also.includes(c) ? encodeURIComponent(c) : c))
    .join('')
}

/** The forms a value takes where it travels, each a different text to look for. */
function encodingsOf(secret: string): string[] {
  return [
    secret,
    // As `new URL` writes it into a query and into a path.
    urlEncoded(secret, `"#<>'`),
    urlEncoded(secret, '"#<>?`{}'),
    encodeURI(secret),
    encodeURIComponent(secret),
    encodeURIComponent(secret).replace(/%20/g, '+'),
    JSON.stringify(secret).slice(1, -1),
  ]
}

/**
 * Replaces every occurrence of a secret value in any string inside `value` (a record, an
 * entry), wherever the secret travelled: a custom header, a query string, a body preview. A
 * secret variable's value becomes `{{name}}` in every encoding it appears in, so a stored URL
 * reads `?t={{token}}`, never percent-encoded bullets; other secrets become ••••••.
 */
export function maskSecrets<T>(value: T, secrets: readonly SecretValue[]): T {
  // Named secrets first: a value that is also a known header's value still reads as its variable.
  const ordered = [...secrets].sort((a, b) => Number(typeof a === 'string') - Number(typeof b === 'string'))
  const replacements = new Map<string, string>()
  for (const secret of ordered) {
    const text = typeof secret === 'string' ? secret : secret.value
    if (text.length < 3) continue
    const shownAs = typeof secret === 'string' ? REDACTED : `{{${secret.name}}}`
    for (const needle of encodingsOf(text)) if (!replacements.has(needle)) replacements.set(needle, shownAs)
  }
  if (replacements.size === 0) return value
  // Longest first, so no shorter needle cuts a longer one apart.
  const needles = [...replacements.keys()].sort((a, b) => b.length - a.length)
  const mask = (text: string) => needles.reduce((out, needle) => out.split(needle).join(replacements.get(needle)), text)
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return mask(node)
    if (Array.isArray(node)) return node.map(walk)
    if (node && typeof node === 'object')
      return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, walk(child)]))
    return node
  }
  return walk(value) as T
}
