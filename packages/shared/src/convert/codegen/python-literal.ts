/** A Python string literal (JSON's escapes are valid Python). */
export function pyStr(text: string): string {
  return JSON.stringify(text)
}

/** A JSON value as Python source: None/True/False, dicts and lists indented like black would. */
export function pyValue(value: unknown, indent = 0): string {
  const pad = (n: number) => ' '.repeat(n)
  if (value === null || value === undefined) return 'None'
  if (value === true) return 'True'
  if (value === false) return 'False'
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'None'
  if (typeof value === 'string') return pyStr(value)
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]'
    return `[\n${value.map((v) => `${pad(indent + 4)}${pyValue(v, indent + 4)},`).join('\n')}\n${pad(indent)}]`
  }
  const entries = Object.entries(value as Record<string, unknown>)
  if (entries.length === 0) return '{}'
  return `{\n${entries.map(([k, v]) => `${pad(indent + 4)}${pyStr(k)}: ${pyValue(v, indent + 4)},`).join('\n')}\n${pad(indent)}}`
}

/** Pairs as a dict when names are unique (the seeds' style), else a list of tuples (requests accepts both). */
export function pyPairs(pairs: readonly (readonly [string, string])[], indent = 0): string {
  const unique = new Set(pairs.map(([k]) => k)).size === pairs.length
  const pad = ' '.repeat(indent + 4)
  if (pairs.length === 0) return '{}'
  if (unique) return `{\n${pairs.map(([k, v]) => `${pad}${pyStr(k)}: ${pyStr(v)},`).join('\n')}\n${' '.repeat(indent)}}`
  return `[\n${pairs.map(([k, v]) => `${pad}(${pyStr(k)}, ${pyStr(v)}),`).join('\n')}\n${' '.repeat(indent)}]`
}
