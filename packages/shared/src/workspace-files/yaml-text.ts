import { Document, LineCounter, Scalar, YAMLSeq, isScalar, isSeq, parseDocument, visit } from 'yaml'

/**
 * Data → the stable text of a workspace file: keys in the order given, multi-line strings as block
 * literals (a diff shows only the changed lines), rows and pairs on one line each, no line folding.
 */
export function toYamlText(data: unknown): string {
  const doc = new Document(data)
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && node.value.includes('\n')) node.type = Scalar.BLOCK_LITERAL
    },
    Seq(_key, node, path) {
      const parent = path[path.length - 1]
      if (isSeq(parent) && node.items.every((i) => isScalar(i) && !String(i.value).includes('\n')))
        (node as YAMLSeq).flow = true
    },
  })
  return doc.toString({ lineWidth: 0, blockQuote: 'literal', indentSeq: true })
}

export type ParsedText =
  | { ok: true; data: unknown; lineOf: (path: readonly PropertyKey[]) => number | undefined }
  | {
      ok: false
      message: string
    }

/** A file's text → its data, or a sentence saying why not (with the line when YAML says it). */
export function parseYamlText(text: string): ParsedText {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  const error = doc.errors[0]
  if (error) {
    const line = error.linePos?.[0]?.line ?? lineCounter.linePos(error.pos[0]).line
    const first = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
    return { ok: false, message: `The YAML cannot be read at line ${line}: ${first}` }
  }
  const lineOf = (path: readonly PropertyKey[]) => {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true)
      const range = (node as { range?: [number, number, number] } | undefined)?.range
      if (range) return lineCounter.linePos(range[0]).line
    }
    return undefined
  }
  return { ok: true, data: doc.toJS({ maxAliasCount: 100 }) as unknown, lineOf }
}
