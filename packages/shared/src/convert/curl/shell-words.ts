/** A word, or an unquoted shell operator (`|`, `;`, `&&`, `<`, `<<<`, a here-document's text). */
export type ShellToken = { text: string; op?: '|' | ';' | '<' | '<<<' | 'heredoc' | '>' }

/**
 * Splits a shell command line into words the way POSIX sh would for a pasted cURL command:
 * '…' literal, "…" with \ escapes, $'…' ANSI-C strings, \ escapes and line continuations,
 * `# comments`, `$VAR` / `${VAR}` as Courier's `{{VAR}}`, and the operators that matter around
 * a curl command (pipes, `;`/`&&`/newlines between commands, `<` `<<<` `<<EOF` redirections).
 * Windows cmd (`^` escapes and continuations, as Chrome's "Copy as cURL (cmd)" writes) and
 * PowerShell backtick continuations are turned into POSIX first.
 */
export function shellTokens(input: string): ShellToken[] {
  let text = input.replace(/\r\n?/g, '\n')
  if (/\^\n|\^"/.test(text)) text = text.replace(/\^\n/g, ' ').replace(/\^(.)/g, '$1')
  text = text.replace(/`\n/g, ' ')
  const tokens: ShellToken[] = []
  let word = ''
  let inWord = false
  const heredocs: { delimiter: string; token: ShellToken }[] = []
  const flush = () => {
    if (inWord) tokens.push({ text: word })
    word = ''
    inWord = false
  }
  const variable = (i: number): [string, number] | undefined => {
    const braced = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(text.slice(i))
    if (braced) return [`{{${braced[1]}}}`, i + braced[0].length - 1]
    const bare = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(i))
    if (bare) return [`{{${bare[1]}}}`, i + bare[0].length - 1]
    return undefined
  }
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
    if (c === '$' && text[i + 1] === '"') i++
    if (c === '$') {
      const found = variable(i)
      if (found) {
        word += found[0]
        i = found[1]
        inWord = true
        continue
      }
    }
    if (text[i] === '"') {
      i++
      for (; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\\' && i + 1 < text.length && '"\\$`\n'.includes(text[i + 1]!)) {
          i++
          if (text[i] === '\n') continue
          word += text[i]
          continue
        }
        const found = text[i] === '$' ? variable(i) : undefined
        if (found) {
          word += found[0]
          i = found[1]
          continue
        }
        word += text[i]
      }
      inWord = true
      continue
    }
    if (c === '#' && !inWord) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++
      continue
    }
    if (c === '\n') {
      flush()
      // Here-documents start on the next line and end at their delimiter line.
      let pos = i + 1
      for (const { delimiter, token } of heredocs.splice(0)) {
        while (pos < text.length) {
          const nl = text.indexOf('\n', pos)
          const line = text.slice(pos, nl === -1 ? text.length : nl)
          pos = nl === -1 ? text.length : nl + 1
          if (line.trim() === delimiter) break
          token.text += `${line}\n`
        }
      }
      i = pos - 1
      tokens.push({ text: ';', op: ';' })
      continue
    }
    if (c === ' ' || c === '\t') {
      flush()
      continue
    }
    if ('|;&<>'.includes(c)) {
      const op = /^(\|\||&&|\||;|&|<<<|<<-?|<|>>?)/.exec(text.slice(i))?.[0]
      if (op) {
        flush()
        i += op.length - 1
        if (op === '|') tokens.push({ text: op, op: '|' })
        else if (op === '<' || op === '<<<') tokens.push({ text: op, op })
        else if (op.startsWith('<<')) {
          const delimiter = /^\s*(['"]?)([^\s'"]+)\1/.exec(text.slice(i + 1))
          if (delimiter) {
            const token: ShellToken = { text: '', op: 'heredoc' }
            tokens.push(token)
            heredocs.push({ delimiter: delimiter[2]!, token })
            i += delimiter[0].length
          }
        } else if (op.includes('>')) tokens.push({ text: op, op: '>' })
        else tokens.push({ text: ';', op: ';' })
        continue
      }
    }
    word += c
    inWord = true
  }
  flush()
  return tokens
}

/** The words of a command line (operators kept as their text). */
export function shellWords(input: string): string[] {
  return shellTokens(input)
    .filter((t) => t.op !== ';')
    .map((t) => t.text)
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
