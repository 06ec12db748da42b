import { lookupVariable, VARIABLE_PATTERN, type Scope } from '@courier/shared'

export type Segment =
  | { kind: 'text'; text: string; start: number }
  | {
      kind: 'variable'
      text: string
      start: number
      name: string
      state: 'known' | 'unknown' | 'dynamic' | 'secret'
      value?: string
      source?: string
    }

/** Splits a text into plain runs and `{{variables}}`, each variable looked up in the scopes. */
export function variableSegments(text: string, scopes: readonly Scope[]): Segment[] {
  const segments: Segment[] = []
  let last = 0
  for (const match of text.matchAll(VARIABLE_PATTERN)) {
    if (match.index > last) segments.push({ kind: 'text', text: text.slice(last, match.index), start: last })
    const name = match[1]!.trim()
    const found = name.startsWith('$') ? undefined : lookupVariable(name, scopes)
    const state = name.startsWith('$') ? 'dynamic' : !found ? 'unknown' : found.secret ? 'secret' : 'known'
    segments.push({
      kind: 'variable',
      text: match[0],
      start: match.index,
      name,
      state,
      ...(found
        ? { value: found.value, source: found.scope === 'global' ? 'globals' : `${found.scope} “${found.scopeName}”` }
        : {}),
    })
    last = match.index + match[0].length
  }
  if (last < text.length) segments.push({ kind: 'text', text: text.slice(last), start: last })
  return segments
}

/** What the tooltip says about a variable. */
export function describeVariable(segment: Extract<Segment, { kind: 'variable' }>): string {
  switch (segment.state) {
    case 'unknown':
      return `{{${segment.name}}} has no value: define it in an environment, the collection or the globals.`
    case 'dynamic':
      return `{{${segment.name}}}: a fresh dynamic value on every send.`
    case 'secret':
      return `{{${segment.name}}} = •••••• (secret) — from ${segment.source}`
    case 'known':
      return `{{${segment.name}}} = ${segment.value === '' ? '(empty)' : segment.value} — from ${segment.source}`
  }
}
