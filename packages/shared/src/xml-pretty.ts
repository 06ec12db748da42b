type Token =
  | { kind: 'open'; text: string; name: string }
  | { kind: 'close'; text: string; name: string }
  | { kind: 'empty' | 'other'; text: string }
  | { kind: 'text'; text: string }

const MARKUP_ENDS: [string, string][] = [
  ['<!--', '-->'],
  ['<![CDATA[', ']]>'],
  ['<?', '?>'],
]

function tokenize(xml: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < xml.length) {
    if (xml[i] !== '<') {
      const next = xml.indexOf('<', i)
      const end = next === -1 ? xml.length : next
      tokens.push({ kind: 'text', text: xml.slice(i, end) })
      i = end
      continue
    }
    const special = MARKUP_ENDS.find(([start]) => xml.startsWith(start, i))
    if (special) {
      const close = xml.indexOf(special[1], i + special[0].length)
      const end = close === -1 ? xml.length : close + special[1].length
      tokens.push({ kind: special[0] === '<![CDATA[' ? 'text' : 'other', text: xml.slice(i, end) })
      i = end
      continue
    }
    // A tag ends at the first `>` outside quoted attribute values; a DOCTYPE may nest [ … ].
    let j = i + 1
    let quote: string | null = null
    let bracket = 0
    for (; j < xml.length; j++) {
      const c = xml[j]
      if (quote) {
        if (c === quote) quote = null
      } else if (c === '"' || c === "'") quote = c
      else if (c === '[') bracket++
      else if (c === ']') bracket--
      else if (c === '>' && bracket <= 0) break
    }
    const text = xml.slice(i, j + 1)
    i = j + 1
    const name = /^<\/?\s*([^\s/>]+)/.exec(text)?.[1] ?? ''
    if (text.startsWith('<!')) tokens.push({ kind: 'other', text })
    else if (text.startsWith('</')) tokens.push({ kind: 'close', text, name })
    else if (text.endsWith('/>')) tokens.push({ kind: 'empty', text })
    else tokens.push({ kind: 'open', text, name })
  }
  return tokens
}

/**
 * XML indented two spaces per level. Elements holding only text stay on one line; text is
 * never altered except whitespace between tags, which is dropped. Malformed input is indented
 * as well as it goes and never rejected: this is for reading, not validating.
 */
export function prettyXml(xml: string, indent = '  '): string {
  const tokens = tokenize(xml.trim())
  const lines: string[] = []
  let depth = 0
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k]!
    const pad = indent.repeat(Math.max(0, depth))
    if (token.kind === 'text') {
      if (token.text.trim() === '') continue
      lines.push(pad + token.text.trim())
    } else if (token.kind === 'open') {
      const text = tokens[k + 1]
      const close = tokens[k + 2]
      // <name>text</name> on one line.
      if (text?.kind === 'text' && close?.kind === 'close' && close.name === token.name) {
        lines.push(pad + token.text + text.text.trim() + close.text)
        k += 2
      } else if (text?.kind === 'close' && text.name === token.name) {
        lines.push(pad + token.text + text.text)
        k += 1
      } else {
        lines.push(pad + token.text)
        depth++
      }
    } else if (token.kind === 'close') {
      depth = Math.max(0, depth - 1)
      lines.push(indent.repeat(depth) + token.text)
    } else {
      lines.push(pad + token.text)
    }
  }
  return lines.join('\n')
}
