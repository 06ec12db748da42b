/** What `git status --porcelain=v2 --branch -z` says, parsed. Paths are relative to the repository's top. */
export type StatusEntry =
  | { type: 'ordinary'; xy: string; path: string }
  | { type: 'renamed'; xy: string; path: string; orig: string }
  | { type: 'unmerged'; xy: string; path: string }
  | { type: 'untracked'; path: string }

export type PorcelainStatus = {
  /** null on a detached HEAD. */
  head: string | null
  /** False before the first commit (`branch.oid (initial)`). */
  hasCommit: boolean
  upstream: string | null
  ahead: number
  behind: number
  entries: StatusEntry[]
}

/** Splits after the nth space: the fields before, and the rest (a path may hold spaces). */
function fields(record: string, count: number): { parts: string[]; rest: string } {
  const parts: string[] = []
  let pos = 0
  for (let i = 0; i < count; i++) {
    const next = record.indexOf(' ', pos)
    if (next < 0) return { parts, rest: '' }
    parts.push(record.slice(pos, next))
    pos = next + 1
  }
  return { parts, rest: record.slice(pos) }
}

export function parsePorcelainV2(text: string): PorcelainStatus {
  const out: PorcelainStatus = { head: null, hasCommit: true, upstream: null, ahead: 0, behind: 0, entries: [] }
  const records = text.split('\0')
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!
    if (record === '') continue
    if (record.startsWith('# ')) {
      const { parts, rest } = fields(record, 2)
      const key = parts[1]
      if (key === 'branch.oid') out.hasCommit = rest !== '(initial)'
      else if (key === 'branch.head') out.head = rest === '(detached)' ? null : rest
      else if (key === 'branch.upstream') out.upstream = rest
      else if (key === 'branch.ab') {
        const m = /^\+(\d+) -(\d+)$/.exec(rest)
        if (m) {
          out.ahead = Number(m[1])
          out.behind = Number(m[2])
        }
      }
      continue
    }
    const type = record[0]
    if (type === '1') {
      const { parts, rest } = fields(record, 8)
      out.entries.push({ type: 'ordinary', xy: parts[1]!, path: rest })
    } else if (type === '2') {
      const { parts, rest } = fields(record, 9)
      // With -z the original path follows as its own record.
      out.entries.push({ type: 'renamed', xy: parts[1]!, path: rest, orig: records[++i] ?? '' })
    } else if (type === 'u') {
      const { parts, rest } = fields(record, 10)
      out.entries.push({ type: 'unmerged', xy: parts[1]!, path: rest })
    } else if (type === '?') out.entries.push({ type: 'untracked', path: record.slice(2) })
  }
  return out
}
