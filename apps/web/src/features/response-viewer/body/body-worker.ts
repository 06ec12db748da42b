import { fetchBody } from '../../../shared/api/fetch-body'
import { BodyDocument, type BodyKind } from './body-document'
import type { BodyMessage, BodyRequest, BodySource } from './body-protocol'

// The body lives here, not on the page: parsing, pretty-printing, tree building and JSONPath
// run off the main thread, and the page asks only for the rows it draws.
const scope = self as unknown as {
  postMessage: (message: BodyMessage) => void
  onmessage: ((event: MessageEvent<BodyRequest>) => void) | null
}

let current: BodyDocument | null = null

const post = (message: BodyMessage) => scope.postMessage(message)

/** Streams the body from the body store, reporting progress, into one buffer. */
async function download(source: Extract<BodySource, { kind: 'url' }>): Promise<string> {
  const response = await fetchBody(source.url, { token: source.token })
  if (!response.body) throw new Error(`The body could not be loaded (${response.status}).`)
  const total = Number(response.headers.get('content-length')) || source.expectedBytes
  let buffer = new Uint8Array(total)
  let received = 0
  let lastReport = 0
  const reader = response.body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    if (received + value.length > buffer.length) {
      const grown = new Uint8Array(Math.max(buffer.length * 2, received + value.length))
      grown.set(buffer.subarray(0, received))
      buffer = grown
    }
    buffer.set(value, received)
    received += value.length
    const now = performance.now()
    if (now - lastReport > 100) {
      lastReport = now
      post({ progress: { received, total, phase: 'download' } })
    }
  }
  post({ progress: { received, total, phase: 'parse' } })
  return new TextDecoder('utf-8').decode(buffer.subarray(0, received))
}

/** A body labelled text/plain (or nothing) that is really JSON is treated as JSON. */
function sniff(text: string, kind: BodyKind): BodyKind {
  if (kind !== 'text') return kind
  const first = /\S/.exec(text.slice(0, 1024))?.[0]
  return first === '{' || first === '[' ? 'json' : kind
}

function open(): BodyDocument {
  if (!current) throw new Error('No body is loaded.')
  return current
}

scope.onmessage = async (event: MessageEvent<BodyRequest>) => {
  const request = event.data
  try {
    let result: unknown
    switch (request.op) {
      case 'load': {
        const { source, kind } = request.args
        const text = source.kind === 'inline' ? source.text : await download(source)
        let doc = new BodyDocument(text, sniff(text, kind))
        // A sniffed body that does not parse is just text.
        if (doc.kind === 'json' && kind === 'text' && !doc.isJson) doc = new BodyDocument(text, 'text')
        current = doc
        result = doc.info()
        break
      }
      case 'lines':
        result = open().lines(request.args.view, request.args.from, request.args.to, request.args.wrap)
        break
      case 'relayout': {
        const { view, from, to, row } = request.args
        result = open().relayout(view, from, to, row)
        break
      }
      case 'rows':
        result = open().rows(request.args.from, request.args.to)
        break
      case 'toggle':
        result = open().toggle(request.args.index)
        break
      case 'path':
        result = open().path(request.args.index)
        break
      case 'value':
        result = open().valueAt(request.args.index)
        break
      case 'pretty':
        result = open().info(true)
        break
      case 'filter':
        result = open().applyFilter(request.args.expression)
        break
    }
    post({ id: request.id, ok: true, result })
  } catch (error) {
    post({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) })
  }
}
