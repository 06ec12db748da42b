export type TokenKind = 'key' | 'string' | 'number' | 'literal' | 'plain'

const TOKEN = /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b/g

/**
 * One line of pretty JSON cut into coloured pieces: keys, strings, numbers, literals. Runs only
 * on the rows on screen, so large bodies get colours without an editor. A line cut mid-string
 * (a segment of a very long line) just colours less.
 */
export function jsonLineTokens(line: string): [TokenKind, string][] {
  const tokens: [TokenKind, string][] = []
  let at = 0
  for (const match of line.matchAll(TOKEN)) {
    if (match.index > at) tokens.push(['plain', line.slice(at, match.index)])
    if (match[1] !== undefined) {
      tokens.push([match[2] !== undefined ? 'key' : 'string', match[1]])
      if (match[2] !== undefined) tokens.push(['plain', match[2]])
    } else if (match[3] !== undefined) tokens.push(['number', match[3]])
    else tokens.push(['literal', match[4]!])
    at = match.index + match[0].length
  }
  if (at < line.length) tokens.push(['plain', line.slice(at)])
  return tokens
}
