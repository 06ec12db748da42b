import { REDACTED } from '@courier/shared'

/**
 * Replaces every occurrence of a secret value in any string inside `value` (a record, an
 * entry), wherever the secret travelled: a custom header, a query string, a body preview.
 */
export function maskSecrets<T>(value: T, secrets: readonly string[]): T {
  const needles = [...new Set(secrets.filter((s) => s.length >= 3))].sort((a, b) => b.length - a.length)
  if (needles.length === 0) return value
  // As typed, percent-encoded (URL), form-encoded (space as +) and JSON-escaped (an echo's body);
  // longest first, so no shorter needle cuts a longer one apart.
  const encoded = [
    ...new Set(
      needles.flatMap((s) => [
        s,
        encodeURIComponent(s),
        encodeURIComponent(s).replace(/%20/g, '+'),
        JSON.stringify(s).slice(1, -1),
      ]),
    ),
  ].sort((a, b) => b.length - a.length)
  const mask = (text: string) => encoded.reduce((out, needle) => out.split(needle).join(REDACTED), text)
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return mask(node)
    if (Array.isArray(node)) return node.map(walk)
    if (node && typeof node === 'object')
      return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, walk(child)]))
    return node
  }
  return walk(value) as T
}
