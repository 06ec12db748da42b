/** What the main thread draws for one visible tree row. */
export type TreeRow = {
  depth: number
  /** Property name, `[index]`, or null for the root. */
  key: string | null
  type: 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null'
  /** Primitive as JSON (cut to 300 chars); container summary like `{3}` or `[1200]`. */
  preview: string
  childCount: number
  expanded: boolean
}

type Node = {
  key: string | number | null
  depth: number
  value: unknown
  parent: Node | null
  expanded: boolean
}

const PREVIEW_CHARS = 300

function typeOf(value: unknown): TreeRow['type'] {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value as 'object' | 'string' | 'number' | 'boolean'
}

function childCount(value: unknown): number {
  if (Array.isArray(value)) return value.length
  if (value !== null && typeof value === 'object') return Object.keys(value).length
  return 0
}

function children(node: Node): Node[] {
  const { value } = node
  const depth = node.depth + 1
  if (Array.isArray(value)) {
    const out = new Array<Node>(value.length)
    for (let i = 0; i < value.length; i++) out[i] = { key: i, depth, value: value[i], parent: node, expanded: false }
    return out
  }
  if (value !== null && typeof value === 'object') {
    return Object.keys(value).map((key) => ({
      key,
      depth,
      value: (value as Record<string, unknown>)[key],
      parent: node,
      expanded: false,
    }))
  }
  return []
}

/** `id: 3, name: "x", …`: the first primitive fields of a closed object, to tell rows apart. */
function summary(value: Record<string, unknown>): string {
  const parts: string[] = []
  let length = 0
  for (const key in value) {
    const field = value[key]
    if (field !== null && typeof field === 'object') continue
    const text = `${key}: ${JSON.stringify(field)}`
    if (length + text.length > 80) {
      parts.push('…')
      break
    }
    parts.push(text)
    length += text.length + 2
    if (parts.length === 4) break
  }
  return parts.join(', ')
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

/**
 * A JSON value as a flat list of visible rows, the shape a virtualised list needs. Expanding
 * splices children in, collapsing cuts descendants out; both are O(rows) once, never per frame.
 * Lives in the body worker, so even a million-row expand never blocks the page.
 */
export class JsonTree {
  private rows: Node[]

  constructor(root: unknown, autoExpandRows = 200) {
    const top: Node = { key: null, depth: 0, value: root, parent: null, expanded: false }
    this.rows = [top]
    // Open breadth-first while the view stays small: small answers read fully expanded.
    const queue: Node[] = [top]
    for (let next = 0; next < queue.length && this.rows.length < autoExpandRows; next++) {
      const node = queue[next]!
      const count = childCount(node.value)
      if (count === 0 || (node !== top && this.rows.length + count > autoExpandRows)) continue
      const index = this.rows.indexOf(node)
      this.toggle(index)
      for (let i = index + 1; i <= index + count && i < index + 1 + autoExpandRows; i++) queue.push(this.rows[i]!)
    }
  }

  get count(): number {
    return this.rows.length
  }

  row(index: number): TreeRow {
    const node = this.rows[index]!
    const type = typeOf(node.value)
    const count = childCount(node.value)
    let preview: string
    if (type === 'array') preview = `[${count}]`
    else if (type === 'object')
      preview = node.expanded ? `{${count}}` : `{${count}} ${summary(node.value as Record<string, unknown>)}`
    else {
      const json = JSON.stringify(node.value)
      preview = json.length > PREVIEW_CHARS ? `${json.slice(0, PREVIEW_CHARS)}…` : json
    }
    return {
      depth: node.depth,
      key: node.key === null ? null : typeof node.key === 'number' ? `[${node.key}]` : node.key,
      type,
      preview,
      childCount: count,
      expanded: node.expanded,
    }
  }

  slice(from: number, to: number): TreeRow[] {
    const out: TreeRow[] = []
    for (let i = Math.max(0, from); i < Math.min(to, this.rows.length); i++) out.push(this.row(i))
    return out
  }

  /** Opens or closes the row's node; returns the new row count. */
  toggle(index: number): number {
    const node = this.rows[index]
    if (!node || childCount(node.value) === 0) return this.rows.length
    if (node.expanded) {
      let end = index + 1
      while (end < this.rows.length && this.rows[end]!.depth > node.depth) end++
      for (let i = index + 1; i < end; i++) this.rows[i]!.expanded = false
      this.rows = this.rows.slice(0, index + 1).concat(this.rows.slice(end))
      node.expanded = false
    } else {
      // concat, not splice(...spread): a million children would overflow the argument stack.
      this.rows = this.rows.slice(0, index + 1).concat(children(node), this.rows.slice(index + 1))
      node.expanded = true
    }
    return this.rows.length
  }

  /** JSONPath-style location of a row: `$.items[3].name`, `$['odd key']`. */
  path(index: number): string {
    const parts: string[] = []
    for (let node: Node | null = this.rows[index] ?? null; node && node.key !== null; node = node.parent) {
      if (typeof node.key === 'number') parts.push(`[${node.key}]`)
      else if (IDENTIFIER.test(node.key)) parts.push(`.${node.key}`)
      else parts.push(`['${node.key.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`)
    }
    return `$${parts.reverse().join('')}`
  }

  /** The row's value as indented JSON, for copying. */
  value(index: number): string {
    const node = this.rows[index]
    if (!node) return ''
    return typeof node.value === 'string' ? node.value : JSON.stringify(node.value, null, 2)
  }
}
