import type { Pair, Row } from './request-spec.js'

/**
 * URL ⇄ params sync. The URL field is raw text (it may be partial or hold `{{variables}}`), so this
 * works on strings, not on `URL` objects. Table values are decoded; the URL holds them encoded.
 * `+` is left as typed in both directions, as Postman does, so editing one row never changes
 * the meaning of another.
 */

export type UrlParts = { base: string; query: string | null; hash: string }

export function splitUrl(url: string): UrlParts {
  const hashAt = url.indexOf('#')
  const beforeHash = hashAt === -1 ? url : url.slice(0, hashAt)
  const hash = hashAt === -1 ? '' : url.slice(hashAt)
  const queryAt = beforeHash.indexOf('?')
  if (queryAt === -1) return { base: beforeHash, query: null, hash }
  return { base: beforeHash.slice(0, queryAt), query: beforeHash.slice(queryAt + 1), hash }
}

/** Decodes %XX escapes; a malformed escape is kept as typed rather than failing. */
export function decodeQueryPart(text: string): string {
  if (!text.includes('%')) return text
  try {
    return decodeURIComponent(text)
  } catch {
    return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run)
      } catch {
        return run
      }
    })
  }
}

const VARIABLE = /\{\{[^{}]*\}\}/g

/** Encodes what would break the query's structure; keeps `{{variables}}` and readable characters as they are. */
export function encodeQueryPart(text: string, isName: boolean): string {
  let out = ''
  let last = 0
  for (const match of text.matchAll(VARIABLE)) {
    out += encodeLiteral(text.slice(last, match.index), isName) + match[0]
    last = match.index + match[0].length
  }
  return out + encodeLiteral(text.slice(last), isName)
}

function encodeLiteral(text: string, isName: boolean): string {
  let out = ''
  for (const char of text) {
    const code = char.codePointAt(0)!
    const mustEncode = code <= 0x20 || code === 0x7f || '"#%&<>`'.includes(char) || (isName && char === '=')
    out += mustEncode ? encodeURIComponent(char) : char
  }
  return out
}

export function parseQuery(query: string): Pair[] {
  if (query === '') return []
  return query.split('&').map((piece): Pair => {
    const eq = piece.indexOf('=')
    if (eq === -1) return [decodeQueryPart(piece), '']
    return [decodeQueryPart(piece.slice(0, eq)), decodeQueryPart(piece.slice(eq + 1))]
  })
}

export function formatQuery(rows: readonly Row[]): string {
  return rows
    .filter(([name, value, enabled]) => enabled && (name !== '' || value !== ''))
    .map(([name, value]) => `${encodeQueryPart(name, true)}=${encodeQueryPart(value, false)}`)
    .join('&')
}

/**
 * The param rows after the URL text changed: enabled rows follow the URL, disabled rows stay
 * where they were, so switching a row off and editing the URL loses nothing.
 */
export function paramsFromUrl(url: string, current: readonly Row[]): Row[] {
  const { query } = splitUrl(url)
  const parsed = parseQuery(query ?? '')
  const rows: Row[] = []
  let next = 0
  for (const row of current) {
    if (!row[2]) rows.push(row)
    else if (next < parsed.length) {
      const [name, value] = parsed[next++]!
      rows.push([name, value, true])
    }
  }
  for (; next < parsed.length; next++) rows.push([parsed[next]![0], parsed[next]![1], true])
  return rows
}

/** The URL text after the param table changed. */
export function urlWithParams(url: string, rows: readonly Row[]): string {
  const { base, hash } = splitUrl(url)
  const query = formatQuery(rows)
  return query === '' ? base + hash : `${base}?${query}${hash}`
}
