import { prettyXml } from '@courier/shared'
import { query } from 'jsonpath-rfc9535'
import { JsonTree, type TreeRow } from './json-tree'
import { LineIndex } from './line-index'
import { WrapIndex, cutRows, type WrapWidth } from './wrap-index'

export type BodyKind = 'json' | 'xml' | 'text'
export type LineView = 'raw' | 'pretty'

/** What the viewer needs to know to pick and size its views. */
export type DocumentInfo = {
  kind: BodyKind
  /** Set when a JSON body did not parse; the views fall back to text. */
  parseError?: string
  rawLines: number
  /** Null until the pretty form is made: for large bodies that waits until Pretty is opened. */
  prettyLines: number | null
  /** The pretty text itself when it is small enough for Monaco; else views page through lines. */
  prettyText: string | null
  prettyChars: number | null
  treeRows: number
  /** Set while a JSONPath filter is applied. */
  filter: { expression: string; matches: number } | null
}

export type DocumentLimits = {
  /** Monaco colours and folds text up to this many characters; larger text is paged as plain lines. */
  monacoChars: number
  /** Bodies up to this size are pretty-printed at load; larger ones when Pretty is first opened. */
  eagerPrettyChars: number
  /** XML above this is shown as it came rather than re-indented. */
  xmlPrettyChars: number
}

// Monaco's first show of 166 K chars of JSON took a 232 ms main-thread task here, and 1.6 M chars
// brought a 1.2 s one (tokens, folding, brackets); 128 K keeps it under the 200 ms budget.
// Writing the pretty form costs about 1 s per 50 MB (in the worker), so large bodies defer it.
export const DEFAULT_LIMITS: DocumentLimits = {
  monacoChars: 128_000,
  eagerPrettyChars: 2_000_000,
  xmlPrettyChars: 20_000_000,
}

/**
 * A response body held where it is parsed (the body worker): raw and pretty lines, the JSON
 * tree and the JSONPath filter. Pure and synchronous, so it is tested directly; the worker only
 * passes messages to it.
 */
export class BodyDocument {
  private readonly raw: LineIndex
  private value: unknown = undefined
  private parsed = false
  private parseError: string | undefined
  private pretty: LineIndex | null = null
  private tree: JsonTree | null = null
  private filter: { expression: string; matches: number } | null = null

  constructor(
    text: string,
    readonly kind: BodyKind,
    private readonly limits: DocumentLimits = DEFAULT_LIMITS,
  ) {
    this.raw = new LineIndex(text)
    if (kind === 'json') {
      try {
        this.value = JSON.parse(text)
        this.parsed = true
      } catch (error) {
        this.parseError = (error as Error).message
      }
    }
  }

  get isJson(): boolean {
    return this.parsed
  }

  private prettyIndex(): LineIndex {
    if (this.pretty) return this.pretty
    const text = this.raw.text
    let pretty = text
    if (this.parsed) pretty = JSON.stringify(this.filter ? this.filteredValue : this.value, null, 2) ?? ''
    else if (this.kind === 'xml' && text.length <= this.limits.xmlPrettyChars) pretty = prettyXml(text)
    this.pretty = pretty === text ? this.raw : new LineIndex(pretty)
    return this.pretty
  }

  private filteredValue: unknown[] = []

  private jsonTree(): JsonTree | null {
    if (!this.parsed) return null
    this.tree ??= new JsonTree(this.filter ? this.filteredValue : this.value)
    return this.tree
  }

  /** Whether the body is large enough that its pretty form is made only on demand. */
  get large(): boolean {
    return this.raw.text.length > this.limits.eagerPrettyChars
  }

  /**
   * What the views need. Small bodies come pretty-printed at once; a large one's pretty form
   * (a second full copy, about a second per 50 MB) waits until asked for with `withPretty`.
   */
  info(withPretty = !this.large): DocumentInfo {
    const pretty = withPretty || this.pretty ? this.prettyIndex() : null
    return {
      kind: this.kind,
      ...(this.parseError ? { parseError: this.parseError } : {}),
      rawLines: this.raw.count,
      prettyLines: pretty?.count ?? null,
      prettyText: pretty && pretty.text.length <= this.limits.monacoChars ? pretty.text : null,
      prettyChars: pretty?.text.length ?? null,
      treeRows: this.jsonTree()?.count ?? 0,
      filter: this.filter,
    }
  }

  private wrapped: WrapIndex | null = null

  /** The view's lines wrapped at `width`; the last width asked for is kept. */
  private wrapIndex(view: LineView, { columns, wide }: WrapWidth): WrapIndex {
    const index = view === 'raw' ? this.raw : this.prettyIndex()
    const kept = this.wrapped
    if (kept?.columns !== columns || kept.wide !== wide || !kept.wraps(index))
      this.wrapped = new WrapIndex(index, columns, wide)
    return this.wrapped!
  }

  /**
   * The view laid out again, cut (`to` null) or wrapped at `to`: how many rows it takes,
   * and the row that now holds the text row `row` started with in layout `from`, so what was at the
   * top of the view stays there.
   */
  relayout(view: LineView, from: WrapWidth | null, to: WrapWidth | null, row: number): { rows: number; row: number } {
    const index = view === 'raw' ? this.raw : this.prettyIndex()
    const offset = from === null ? cutRows.offsetOf(index, row) : this.wrapIndex(view, from).offsetOf(row)
    if (to === null) return { rows: index.count, row: cutRows.rowAt(index, offset) }
    const wrapped = this.wrapIndex(view, to)
    return { rows: wrapped.count, row: wrapped.rowAt(offset) }
  }

  /** Display rows [from, to): cut at LineIndex's limit, or wrapped at `wrap` when given. */
  lines(view: LineView, from: number, to: number, wrap?: WrapWidth) {
    if (wrap) return this.wrapIndex(view, wrap).slice(from, to)
    return (view === 'raw' ? this.raw : this.prettyIndex()).slice(from, to)
  }

  rows(from: number, to: number): TreeRow[] {
    return this.jsonTree()?.slice(from, to) ?? []
  }

  toggle(index: number): number {
    return this.jsonTree()?.toggle(index) ?? 0
  }

  path(index: number): string {
    return this.jsonTree()?.path(index) ?? '$'
  }

  valueAt(index: number): string {
    return this.jsonTree()?.value(index) ?? ''
  }

  /**
   * Applies a JSONPath (RFC 9535) expression: the pretty and tree views then show the array of
   * matches. An empty expression clears the filter. Throws with the library's message when the
   * expression is invalid, leaving the current view as it was.
   */
  applyFilter(expression: string): DocumentInfo {
    if (!this.parsed) throw new Error('Only a JSON body can be filtered.')
    const trimmed = expression.trim()
    if (trimmed === '' || trimmed === '$') {
      this.filter = null
      this.filteredValue = []
    } else {
      const matches = query(this.value as never, trimmed) as unknown[]
      this.filteredValue = matches
      this.filter = { expression: trimmed, matches: matches.length }
    }
    this.pretty = null
    this.tree = null
    return this.info()
  }
}
