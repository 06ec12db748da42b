/** One challenge of a WWW-Authenticate field: its scheme and parameters (names lower-cased). */
export type Challenge = { scheme: string; params: Record<string, string>; token68?: string }

const TOKEN_CHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/
const TOKEN68_CHAR = /[A-Za-z0-9\-._~+/]/

/**
 * Parses WWW-Authenticate values (RFC 9110 §11.6.1): several challenges may share one line,
 * separated by commas like their parameters, so a comma followed by `name=` continues the
 * current challenge and a comma followed by a bare token starts the next one.
 */
export function parseChallenges(values: readonly string[]): Challenge[] {
  const challenges: Challenge[] = []
  for (const value of values) challenges.push(...parseOne(value))
  return challenges
}

function parseOne(text: string): Challenge[] {
  const out: Challenge[] = []
  let pos = 0
  const skip = (chars: string) => {
    while (pos < text.length && chars.includes(text[pos]!)) pos++
  }
  const token = (): string => {
    const start = pos
    while (pos < text.length && TOKEN_CHAR.test(text[pos]!)) pos++
    return text.slice(start, pos)
  }
  const quoted = (): string => {
    let result = ''
    pos++ // opening quote
    while (pos < text.length && text[pos] !== '"') {
      if (text[pos] === '\\' && pos + 1 < text.length) pos++
      result += text[pos]
      pos++
    }
    pos++ // closing quote
    return result
  }
  /** At `name BWS =` (and not a token68's trailing `=`): a parameter follows. */
  const atParam = (): boolean => {
    let probe = pos
    while (probe < text.length && TOKEN_CHAR.test(text[probe]!)) probe++
    if (probe === pos) return false
    while (probe < text.length && (text[probe] === ' ' || text[probe] === '\t')) probe++
    if (text[probe] !== '=') return false
    probe++
    while (probe < text.length && (text[probe] === ' ' || text[probe] === '\t')) probe++
    return text[probe] !== '=' && text[probe] !== ',' && probe < text.length
  }

  for (;;) {
    skip(' \t,')
    const scheme = token()
    if (scheme === '') break
    const challenge: Challenge = { scheme, params: {} }
    out.push(challenge)
    skip(' \t')
    if (!atParam()) {
      const start = pos
      while (pos < text.length && TOKEN68_CHAR.test(text[pos]!)) pos++
      while (pos < text.length && text[pos] === '=') pos++
      if (pos > start) challenge.token68 = text.slice(start, pos)
      continue
    }
    while (atParam()) {
      const name = token().toLowerCase()
      skip(' \t')
      pos++ // '='
      skip(' \t')
      const value = text[pos] === '"' ? quoted() : token()
      challenge.params[name] = value
      skip(' \t')
      if (text[pos] !== ',') break
      pos++
      skip(' \t,')
    }
  }
  return out
}
