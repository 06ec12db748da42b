/**
 * Splits a shell command line into words the way POSIX sh would for a pasted cURL command:
 * '…' literal, "…" with \ escapes, $'…' ANSI-C strings, \ escapes and line continuations.
 * Windows cmd (`^` escapes and continuations, as Chrome's "Copy as cURL (cmd)" writes) and
 * PowerShell backtick continuations are turned into POSIX first.
 */
export function shellWords(input: string): string[] {
  let text = input.replace(/\r\n?/g, '\n')
  if (/\^\n|\^"/.test(text)) text = text.replace(/\^\n/g, ' ').replace(/\^(.)/g, '$1')
  text = text.replace(/`\n/g, ' ')
  const words: string[] = []
  let word = ''
  let inWord = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (c === '\\') {
      const next = text[i + 1]
      if (next === '\n') {
        i++
        continue
      }
      if (next !== undefined) {
        word += next
        inWord = true
        i++
      }
      continue
    }
    if (c === "'") {
      const end = text.indexOf("'", i + 1)
      word += text.slice(i + 1, end === -1 ? text.length : end)
      i = end === -1 ? text.length : end
      inWord = true
      continue
    }
    if (c === '$' && text[i + 1] === "'") {
      const [value, end] = ansiC(text, i + 2)
      word += value
      i = end
      inWord = true
      continue
    }
    if (c === '"') {
      i++
      for (; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\\' && i + 1 < text.length && '"\\$`\n'.includes(text[i + 1]!)) {
          i++
          if (text[i] === '\n') continue
        }
        word += text[i]
      }
      inWord = true
      continue
    }
    if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) words.push(word)
      word = ''
      inWord = false
      continue
    }
    word += c
    inWord = true
  }
  if (inWord) words.push(word)
  return words
}

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  v: '\v',
}

function ansiC(text: string, start: number): [string, number] {
  let out = ''
  let i = start
  for (; i < text.length && text[i] !== "'"; i++) {
    if (text[i] !== '\\') {
      out += text[i]
      continue
    }
    const next = text[++i] ?? ''
    if (next in ESCAPES) out += ESCAPES[next]
    else if (next === 'x') {
      const hex = /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 1))?.[0] ?? ''
      out += String.fromCharCode(parseInt(hex || '0', 16))
      i += hex.length
    } else if (next === 'u' || next === 'U') {
      const hex = /^[0-9a-fA-F]{1,8}/.exec(text.slice(i + 1, i + 1 + (next === 'u' ? 4 : 8)))?.[0] ?? ''
      out += String.fromCodePoint(parseInt(hex || '0', 16))
      i += hex.length
    } else out += `\\${next}`
  }
  return [out, i]
}

/** Quotes one word for a POSIX shell: bare when safe, else in single quotes. */
export function shellQuote(word: string): string {
  if (word !== '' && /^[\w@%+=:,./-]+$/.test(word)) return word
  return `'${word.replace(/'/g, `'\\''`)}'`
}
