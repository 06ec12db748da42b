import type { HistoryEntry } from '@courier/shared'

export type HeaderChange = { name: string; from: string; to: string }

export type ExchangeComparison = {
  status: { from: number | null; to: number | null } | null
  added: [string, string][]
  removed: [string, string][]
  changed: HeaderChange[]
  /** null: neither body is held inline, so only their sizes could be compared (and they match). */
  bodyChanged: boolean | null
  /** The differences in sentences, for a person. */
  words: string[]
}

/** Headers whose values change on every answer, or follow the body (content-length), and say nothing new. */
const VOLATILE = new Set([
  'date',
  'age',
  'content-length',
  'x-request-id',
  'x-response-time',
  'set-cookie',
  'etag',
  'last-modified',
])

function headerMap(pairs: [string, string][]): Map<string, string> {
  const map = new Map<string, string>()
  for (const [name, value] of pairs) {
    const key = name.toLowerCase()
    map.set(key, map.has(key) ? `${map.get(key)}, ${value}` : value)
  }
  return map
}

/** What changed from the previous exchange to this one: status, headers added/removed/changed, body. */
export function compareExchanges(previous: HistoryEntry, current: HistoryEntry): ExchangeComparison {
  const before = headerMap(previous.response.headers)
  const after = headerMap(current.response.headers)
  const added: [string, string][] = []
  const removed: [string, string][] = []
  const changed: HeaderChange[] = []
  for (const [name, value] of after) {
    if (!before.has(name)) added.push([name, value])
    else if (before.get(name) !== value && !VOLATILE.has(name))
      changed.push({ name, from: before.get(name)!, to: value })
  }
  for (const [name, value] of before) if (!after.has(name)) removed.push([name, value])

  const a = previous.response.body
  const b = current.response.body
  let bodyChanged: boolean | null
  if (!a || !b) bodyChanged = Boolean(a) !== Boolean(b)
  else if (a.size !== b.size) bodyChanged = true
  else if (a.inline !== null && b.inline !== null) bodyChanged = a.inline !== b.inline
  else bodyChanged = null

  const status =
    previous.response.status !== current.response.status
      ? { from: previous.response.status, to: current.response.status }
      : null
  const words: string[] = []
  const said = (code: number | null) => (code === null ? 'no answer' : String(code))
  words.push(
    status
      ? `Status changed from ${said(status.from)} to ${said(status.to)}.`
      : `Status is the same (${said(current.response.status)}).`,
  )
  const list = (names: string[]) => names.join(', ')
  if (added.length) words.push(`Headers added: ${list(added.map(([n]) => n))}.`)
  if (removed.length) words.push(`Headers removed: ${list(removed.map(([n]) => n))}.`)
  if (changed.length) words.push(`Headers changed: ${list(changed.map((c) => c.name))}.`)
  if (!added.length && !removed.length && !changed.length) words.push('Headers are the same.')
  words.push(
    bodyChanged === null
      ? 'Bodies are the same size; their content is not held inline to compare.'
      : bodyChanged
        ? `Body changed (${a?.size ?? 0} → ${b?.size ?? 0} bytes).`
        : 'Body is the same.',
  )
  return { status, added, removed, changed, bodyChanged, words }
}
