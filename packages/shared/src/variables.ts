import { z } from 'zod'

export const VariableSchema = z.object({
  name: z.string().min(1).max(200),
  value: z.string().max(1024 * 1024),
  enabled: z.boolean().default(true),
  /** Masked in the UI, sealed at rest, never written to history, exports or generated code. */
  secret: z.boolean().default(false),
})
export const VariablesSchema = z.array(VariableSchema).max(5000)

export type Variable = z.infer<typeof VariableSchema>
export type VariableInput = z.input<typeof VariableSchema>

/** Where a value came from, in precedence order: the first scope that has a name wins. */
export type ScopeKind = 'environment' | 'folder' | 'collection' | 'global'
export type Scope = { kind: ScopeKind; name: string; variables: readonly Variable[] }

export type Resolution = {
  name: string
  value: string
  scope: ScopeKind | 'dynamic'
  scopeName: string
  secret: boolean
}

/** `{{name}}`, spaces inside allowed; names are anything but braces. */
export const VARIABLE_PATTERN = /\{\{\s*([^{}\s][^{}]*?)\s*\}\}/g

const DYNAMIC_DOCS: Record<string, string> = {
  $uuid: 'a random UUID v4',
  $guid: 'a random UUID v4 (alias of $uuid)',
  $randomUUID: 'a random UUID v4 (Postman name)',
  $timestamp: 'the current Unix time in seconds',
  $timestampMs: 'the current Unix time in milliseconds',
  $isoTimestamp: 'the current time as an ISO 8601 string (UTC)',
  $randomInt: 'a random integer from 0 to 1000',
  $randomBoolean: 'true or false',
  $randomAlphaNumeric: 'one random letter or digit',
  $randomHexColor: 'a random colour like #a1b2c3',
  $randomEmail: 'a random address at example.com',
  $randomFirstName: 'a random first name',
}

/** The dynamic values `{{$name}}` Courier knows, with what each gives. */
export const DYNAMIC_VARIABLES: readonly { name: string; description: string }[] = Object.entries(DYNAMIC_DOCS).map(
  ([name, description]) => ({ name, description }),
)

const FIRST_NAMES = ['Ada', 'Grace', 'Alan', 'Katherine', 'Linus', 'Margaret', 'Dennis', 'Barbara', 'Tim', 'Radia']

function randomHex(bytes: number): string {
  const values = new Uint8Array(bytes)
  crypto.getRandomValues(values)
  return Array.from(values, (v) => v.toString(16).padStart(2, '0')).join('')
}

function randomInt(max: number): number {
  const values = new Uint32Array(1)
  crypto.getRandomValues(values)
  return values[0]! % (max + 1)
}

/** The value of a dynamic variable, or undefined when the name is not one. Fresh on every call. */
export function dynamicValue(name: string, now: Date = new Date()): string | undefined {
  switch (name) {
    case '$uuid':
    case '$guid':
    case '$randomUUID':
      return crypto.randomUUID()
    case '$timestamp':
      return String(Math.floor(now.getTime() / 1000))
    case '$timestampMs':
      return String(now.getTime())
    case '$isoTimestamp':
      return now.toISOString()
    case '$randomInt':
      return String(randomInt(1000))
    case '$randomBoolean':
      return String(randomInt(1) === 1)
    case '$randomAlphaNumeric':
      return 'abcdefghijklmnopqrstuvwxyz0123456789'[randomInt(35)]!
    case '$randomHexColor':
      return `#${randomHex(3)}`
    case '$randomEmail':
      return `user.${randomHex(4)}@example.com`
    case '$randomFirstName':
      return FIRST_NAMES[randomInt(FIRST_NAMES.length - 1)]!
    default:
      return undefined
  }
}

/** Looks a name up through the scopes (first wins), or as a dynamic value. */
export function lookupVariable(name: string, scopes: readonly Scope[]): Resolution | undefined {
  if (name.startsWith('$')) {
    const value = dynamicValue(name)
    return value === undefined ? undefined : { name, value, scope: 'dynamic', scopeName: 'dynamic', secret: false }
  }
  for (const scope of scopes) {
    const variable = scope.variables.find((v) => v.enabled && v.name === name)
    if (variable)
      return { name, value: variable.value, scope: scope.kind, scopeName: scope.name, secret: variable.secret }
  }
  return undefined
}

export type ResolveReport = {
  /** Names with no value anywhere, in order of first use. */
  unresolved: string[]
  /** Every value substituted (once per name), for masking secrets afterwards. */
  used: Resolution[]
}

export function newReport(): ResolveReport {
  return { unresolved: [], used: [] }
}

const MAX_DEPTH = 5

/**
 * Replaces `{{name}}` in a text. Values may themselves hold variables (`{{baseUrl}}` =
 * `https://{{host}}`), resolved up to five levels deep; unknown names stay as typed and are
 * reported. Each occurrence of a dynamic value is fresh.
 */
export function resolveText(
  text: string,
  scopes: readonly Scope[],
  report: ResolveReport = newReport(),
  depth = 0,
): string {
  if (!text.includes('{{')) return text
  return text.replace(VARIABLE_PATTERN, (match, rawName: string) => {
    const name = rawName.trim()
    const found = lookupVariable(name, scopes)
    if (!found) {
      if (!report.unresolved.includes(name)) report.unresolved.push(name)
      return match
    }
    if (!report.used.some((u) => u.name === name && u.scope === found.scope)) report.used.push(found)
    return depth < MAX_DEPTH ? resolveText(found.value, scopes, report, depth + 1) : found.value
  })
}

/** The variable names a text uses, each once, in order. */
export function variablesIn(text: string): string[] {
  const names: string[] = []
  for (const match of text.matchAll(VARIABLE_PATTERN)) {
    const name = match[1]!.trim()
    if (!names.includes(name)) names.push(name)
  }
  return names
}

/**
 * For previews in the editor: variables resolved with secrets masked (`secretAs` says how a
 * secret variable reads; bullets by default); dynamic values and unknown names stay as typed (a
 * preview must not change on every render or hide a typo).
 */
export function previewText(
  text: string,
  scopes: readonly Scope[],
  secretAs: (name: string) => string = () => '••••••',
): string {
  if (!text.includes('{{')) return text
  const masked: Scope[] = scopes.map((scope) => ({
    ...scope,
    variables: scope.variables.map((v) => (v.secret ? { ...v, value: secretAs(v.name) } : v)),
  }))
  const preview = (value: string, depth: number): string =>
    value.replace(VARIABLE_PATTERN, (match, rawName: string) => {
      const name = rawName.trim()
      if (name.startsWith('$')) return match
      const found = lookupVariable(name, masked)
      return found ? (depth < MAX_DEPTH ? preview(found.value, depth + 1) : found.value) : match
    })
  return preview(text, 0)
}
