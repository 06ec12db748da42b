import { ConvertError } from '../import-result.js'
import type { Stdin } from './curl-body.js'
import { longOption, shortOption, type CurlOption } from './curl-options.js'
import { shellTokens, type ShellToken } from './shell-words.js'

/** One argument after `curl`: an option (by its long name) with its value, or a plain word (a URL). */
export type CurlArg =
  | { kind: 'option'; option: CurlOption; negated: boolean; value: string; written: string }
  | { kind: 'unknown'; written: string }
  | { kind: 'word'; text: string }

export type CurlCommand = { args: CurlArg[]; stdin: Stdin; redirects: string[] }

function splitCommands(tokens: ShellToken[]): { words: ShellToken[]; pipedFrom?: ShellToken[] }[] {
  const commands: { words: ShellToken[]; pipedFrom?: ShellToken[] }[] = []
  let current: ShellToken[] = []
  let pipedFrom: ShellToken[] | undefined
  for (const token of [...tokens, { text: ';', op: ';' } as ShellToken]) {
    if (token.op === ';' || token.op === '|') {
      if (current.length) commands.push({ words: current, ...(pipedFrom ? { pipedFrom } : {}) })
      pipedFrom = token.op === '|' && current.length ? current : undefined
      current = []
    } else current.push(token)
  }
  return commands
}

/** What `echo …` writes (with its newline unless -n), or undefined for any other command. */
function echoOutput(words: ShellToken[]): string | undefined {
  const texts = words.map((w) => w.text)
  if (texts[0] !== 'echo') return undefined
  let i = 1
  let newline = true
  while (texts[i] === '-n' || texts[i] === '-e' || texts[i] === '-ne' || texts[i] === '-en') {
    if (texts[i]!.includes('n')) newline = false
    i++
  }
  return `${texts.slice(i).join(' ')}${newline ? '\n' : ''}`
}

/**
 * The first curl command of a pasted text, its arguments matched against curl's option table
 * (`-sSL`, `-XPOST`, `-d@file`, `--sil`, `--no-location`), and what its standard input holds.
 */
export function readCurlCommand(text: string): CurlCommand {
  const commands = splitCommands(shellTokens(text.trim()))
  const found = commands.find(({ words }) => {
    const first = words.findIndex((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w.text) || w.op)
    return first !== -1 && !words[first]!.op && /^curl(\.exe)?$/i.test(words[first]!.text)
  })
  if (!found) throw new ConvertError('IMPORT_INVALID', 'A cURL command starts with “curl”.')
  const start = found.words.findIndex((w) => /^curl(\.exe)?$/i.test(w.text))
  const words = found.words.slice(start + 1)
  let stdin: Stdin = { kind: 'unknown' }
  if (found.pipedFrom) {
    const echoed = echoOutput(found.pipedFrom)
    if (echoed !== undefined) stdin = { kind: 'text', text: echoed }
  }
  const redirects: string[] = []
  const plain: string[] = []
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!
    if (w.op === '<') stdin = { kind: 'file', path: words[++i]?.text ?? '' }
    else if (w.op === '<<<') stdin = { kind: 'text', text: `${words[++i]?.text ?? ''}\n` }
    else if (w.op === 'heredoc') stdin = { kind: 'text', text: w.text }
    else if (w.op === '>') redirects.push(`${w.text} ${words[++i]?.text ?? ''}`.trim())
    else plain.push(w.text)
  }
  return { args: matchOptions(plain), stdin, redirects }
}

function matchOptions(words: string[]): CurlArg[] {
  const args: CurlArg[] = []
  let optionsEnded = false
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!
    if (optionsEnded || word === '-' || !word.startsWith('-')) {
      args.push({ kind: 'word', text: word })
      continue
    }
    if (word === '--') {
      optionsEnded = true
      continue
    }
    if (word.startsWith('--')) {
      const eq = word.indexOf('=')
      let found = longOption(word.slice(2))
      let inline: string | undefined
      if (!found && eq !== -1) {
        // `--data=x` is not curl syntax, but people write it; read it as the option and its value.
        found = longOption(word.slice(2, eq))
        if (found?.option.takesValue) inline = word.slice(eq + 1)
        else found = undefined
      }
      if (!found) {
        args.push({ kind: 'unknown', written: word })
        continue
      }
      const value = found.option.takesValue ? (inline ?? words[++i] ?? '') : ''
      args.push({ kind: 'option', option: found.option, negated: found.negated, value, written: word })
      continue
    }
    // A cluster of short options: `-sSL`, `-XPOST`, `-d@file`.
    for (let j = 1; j < word.length; j++) {
      const option = shortOption(word[j]!)
      if (!option) {
        args.push({ kind: 'unknown', written: `-${word[j]}` })
        continue
      }
      if (option.takesValue) {
        const value = j + 1 < word.length ? word.slice(j + 1) : (words[++i] ?? '')
        args.push({ kind: 'option', option, negated: false, value, written: `-${word[j]}` })
        break
      }
      args.push({ kind: 'option', option, negated: false, value: '', written: `-${word[j]}` })
    }
  }
  return args
}
