import type { Pair } from './request-spec.js'

/** One link of an RFC 8288 `Link` header. */
export type WebLink = {
  /** The target, resolved against the response URL when it was relative. */
  url: string
  rels: string[]
  params: Record<string, string>
}

/** The pagination links an API offers (GitHub, GitLab and most REST APIs use these four). */
export type PageLinks = Partial<Record<'first' | 'prev' | 'next' | 'last', string>>

/**
 * Parses `Link` header values: `<https://api/x?page=2>; rel="next", <…>; rel="last"`.
 * Commas inside `<…>` or quoted strings do not split links; malformed parts are skipped.
 * https://www.rfc-editor.org/rfc/rfc8288#section-3
 */
export function parseLinkHeader(values: string | string[], baseUrl?: string): WebLink[] {
  const links: WebLink[] = []
  for (const value of Array.isArray(values) ? values : [values]) {
    let i = 0
    while (i < value.length) {
      const open = value.indexOf('<', i)
      if (open === -1) break
      const close = value.indexOf('>', open)
      if (close === -1) break
      const target = value.slice(open + 1, close).trim()
      const params: Record<string, string> = {}
      i = close + 1
      // Parameters run until a comma outside quotes.
      while (i < value.length) {
        while (i < value.length && /\s/.test(value[i]!)) i++
        if (value[i] === ',') {
          i++
          break
        }
        if (value[i] !== ';') {
          i++
          continue
        }
        i++
        const nameMatch = /^\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+\*?)\s*/.exec(value.slice(i))
        if (!nameMatch) continue
        const name = nameMatch[1]!.toLowerCase()
        i += nameMatch[0].length
        let paramValue = ''
        if (value[i] === '=') {
          i++
          while (value[i] === ' ') i++
          if (value[i] === '"') {
            i++
            while (i < value.length && value[i] !== '"') {
              if (value[i] === '\\' && i + 1 < value.length) i++
              paramValue += value[i]
              i++
            }
            i++
          } else {
            const token = /^[^;,]*/.exec(value.slice(i))![0]
            paramValue = token.trim()
            i += token.length
          }
        }
        // The first occurrence of a parameter wins (RFC 8288 §3.3 for rel).
        if (!(name in params)) params[name] = paramValue
      }
      links.push({
        url: resolve(target, baseUrl),
        rels: (params.rel ?? '').toLowerCase().split(/\s+/).filter(Boolean),
        params,
      })
    }
  }
  return links
}

function resolve(target: string, baseUrl: string | undefined): string {
  if (!baseUrl) return target
  try {
    return new URL(target, baseUrl).href
  } catch {
    return target
  }
}

/** first/prev/next/last from a response's `Link` headers (`previous` counts as prev). */
export function pageLinks(headers: Pair[], baseUrl?: string): PageLinks {
  const values = headers.filter(([name]) => name.toLowerCase() === 'link').map(([, value]) => value)
  const result: PageLinks = {}
  for (const link of parseLinkHeader(values, baseUrl)) {
    for (const rel of link.rels) {
      const key = rel === 'previous' ? 'prev' : rel
      if ((key === 'first' || key === 'prev' || key === 'next' || key === 'last') && !result[key])
        result[key] = link.url
    }
  }
  return result
}
