import type { BodyKind, DocumentInfo, LineView } from './body-document'
import type { TreeRow } from './json-tree'
import type { WrapWidth } from './wrap-index'

/** Where the worker gets the text: inline from the record, or streamed from the body store. */
export type BodySource =
  { kind: 'inline'; text: string } | { kind: 'url'; url: string; token: string; expectedBytes: number }

/** Every call the page makes to the body worker, with what each answers. */
export type BodyCalls = {
  load: { args: { source: BodySource; kind: BodyKind }; result: DocumentInfo }
  /** Display rows; with `wrap`, wrapped at that width (as `relayout` counted them). */
  lines: {
    args: { view: LineView; from: number; to: number; wrap?: WrapWidth }
    result: { text: string[]; numbers: number[] }
  }
  /** The rows of the view cut (null) or wrapped at `to`, and where row `row` of layout `from` went. */
  relayout: {
    args: { view: LineView; from: WrapWidth | null; to: WrapWidth | null; row: number }
    result: { rows: number; row: number }
  }
  rows: { args: { from: number; to: number }; result: TreeRow[] }
  toggle: { args: { index: number }; result: number }
  path: { args: { index: number }; result: string }
  value: { args: { index: number }; result: string }
  filter: { args: { expression: string }; result: DocumentInfo }
  /** Makes the pretty form of a large body (deferred at load). */
  pretty: { args: Record<string, never>; result: DocumentInfo }
}

export type BodyOp = keyof BodyCalls

export type BodyRequest = { [K in BodyOp]: { id: number; op: K; args: BodyCalls[K]['args'] } }[BodyOp]

export type BodyMessage =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: string }
  | { progress: { received: number; total: number; phase: 'download' | 'parse' } }
