import type { z } from 'zod'

/**
 * Turns a zod issue into a sentence a person understands: where (in the words the editor uses),
 * what is wrong, and what to do. zod's own text never reaches a person.
 */

/** Lists of rows, by the key that holds them: what one row is called. */
const ROW_LISTS: Record<string, string> = {
  params: 'Query parameter row',
  pathParams: 'Path parameter row',
  headers: 'Header row',
  captures: 'Capture row',
  fields: 'Form field row',
  parts: 'Multipart part',
  variables: 'Variable row',
  authParams: 'Authorization parameter row',
  tokenParams: 'Token parameter row',
  tabs: 'Tab',
  items: 'Item',
}

/** Sections a path passes through, named as the editor names them. */
const SECTIONS: Record<string, string> = {
  body: 'Body',
  auth: 'Auth',
  config: 'OAuth 2.0',
  settings: 'Settings',
  retry: 'Retries',
  file: 'File',
}

/** Fields, as a sentence's subject. */
const FIELDS: Record<string, string> = {
  method: 'the method',
  url: 'the URL',
  name: 'the name',
  value: 'the value',
  enabled: 'the on/off switch',
  secret: 'the secret switch',
  variable: 'the variable name',
  source: 'where the value comes from',
  expression: 'the expression',
  scope: 'where the value goes',
  kind: 'the type',
  type: 'the type',
  text: 'the text',
  query: 'the query',
  contentType: 'the content type',
  filename: 'the file name',
  fileId: 'the uploaded file',
  username: 'the username',
  password: 'the password',
  token: 'the token',
  prefix: 'the prefix',
  in: 'where the key goes',
  cookies: 'the request cookies',
  timeoutMs: 'the total timeout',
  connectTimeoutMs: 'the connect timeout',
  maxRedirects: 'the maximum number of redirects',
  maxResponseBytes: 'the response size limit',
  attempts: 'the number of attempts',
  backoffMs: 'the first backoff',
  maxBackoffMs: 'the longest backoff',
  version: 'the version',
  id: 'the id',
  description: 'the description',
}

/** Inside a `[name, value, enabled]` row, by position. */
const ROW_CELLS = ['the name', 'the value', 'the on/off switch']

type Located = { where: string; subject: string; inRow: boolean }

function locate(path: readonly PropertyKey[]): Located {
  const places: string[] = []
  let subject = ''
  let inRow = false
  for (let i = 0; i < path.length; i++) {
    const key = String(path[i])
    const next = path[i + 1]
    if (key in ROW_LISTS && typeof next === 'number') {
      places.push(`${ROW_LISTS[key]} ${next + 1}`)
      inRow = true
      i++
      const cell = path[i + 1]
      if (typeof cell === 'number' && i + 2 === path.length) {
        subject = ROW_CELLS[cell] ?? 'a cell'
        i++
      }
    } else if (key in SECTIONS && i + 1 < path.length) places.push(SECTIONS[key]!)
    else if (i + 1 === path.length) subject = FIELDS[key] ?? `the field “${key}”`
    else if (key === 'request') continue
    else places.push(FIELDS[key] ?? key)
  }
  return { where: places.join(', '), subject: subject || (inRow ? 'the row' : 'a value'), inRow }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<PropertyKey, unknown>)[key]
  }
  return current
}

function problem(issue: z.core.$ZodIssue, located: Located, input: unknown): string {
  const removeHint = located.inRow ? ' or remove the row' : ''
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1)
        return `is empty — type ${located.subject.replace(/^the /, 'a ')}${removeHint}`
      if (issue.origin === 'string') return `is shorter than ${issue.minimum} characters — make it longer`
      if (issue.origin === 'array') return `needs at least ${issue.minimum} entries — add some`
      return `is below ${issue.minimum} — use ${issue.minimum} or more`
    case 'too_big':
      if (issue.origin === 'string') return `is longer than ${issue.maximum} characters — shorten it`
      if (issue.origin === 'array') return `has more than ${issue.maximum} entries — remove some`
      return `is above ${issue.maximum} — use ${issue.maximum} or less`
    case 'invalid_type':
      if (valueAt(input, issue.path) === undefined) return `is missing — fill it in${removeHint}`
      return `has the wrong kind of value (it should be ${issue.expected === 'string' ? 'text' : issue.expected}) — reload the page, and report it if it happens again`
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => `“${String(v)}”`).join(', ')} — pick one of them`
    case 'invalid_format':
      // A contract pattern that says what it wants in words (`.regex(re, 'an origin such as …')`).
      if (issue.format === 'regex' && !/^Invalid/.test(issue.message)) return `must be ${issue.message}`
      return `is not in the expected form — check it for typos`
    case 'invalid_union':
      return `is not a kind Courier knows — pick one from the list`
    case 'unrecognized_keys':
      return `has fields Courier does not know (${issue.keys.join(', ')}) — remove them`
    default:
      return `is not valid — check it`
  }
}

/** "Capture row 1: the variable name is empty — type a variable name or remove the row." */
export function describeIssue(issue: z.core.$ZodIssue, input: unknown, prefix = ''): string {
  const located = locate([...(prefix ? prefix.split('.') : []), ...issue.path])
  const sentence = `${located.subject} ${problem(issue, located, input)}.`
  if (!located.where) return sentence.charAt(0).toUpperCase() + sentence.slice(1)
  return `${located.where}: ${sentence}`
}
