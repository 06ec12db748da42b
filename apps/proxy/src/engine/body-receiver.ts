import { PassThrough, Writable, pipeline, type Transform } from 'node:stream'
import zlib from 'node:zlib'
import type { BodySink } from '../ports/body-sink.js'

const MAX_ENCODING_LAYERS = 5 // undici CVE-2026-22036: cap the number of stacked codecs

function decoderFor(encoding: string): Transform | null {
  // Lenient flushes: servers often end gzip/deflate streams early, browsers accept that.
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip({ finishFlush: zlib.constants.Z_SYNC_FLUSH })
    case 'deflate':
      return zlib.createInflate({ finishFlush: zlib.constants.Z_SYNC_FLUSH })
    case 'br':
      return zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH })
    default:
      return null
  }
}

/**
 * Undoes Content-Encoding as bytes arrive and forwards the decoded bytes to a sink, counting
 * both sides. The cap counts decoded bytes, so a decompression bomb stops at the cap whatever
 * the codec. Keeps the first `headLimit` decoded bytes in memory for the inline preview.
 */
export class BodyReceiver {
  wireBytes = 0
  decodedBytes = 0
  truncated = false
  decodeError: string | undefined
  readonly done: Promise<void>
  private readonly input = new PassThrough()
  private readonly headChunks: Buffer[] = []
  private headBytes = 0

  constructor(
    contentEncoding: string | undefined,
    private readonly sink: BodySink | null,
    private readonly cap: number,
    private readonly headLimit: number,
    private readonly onCap: () => void,
    /** Sees every decoded chunk as it is stored, in order (a realtime event stream parses them live). */
    private readonly tap?: (chunk: Uint8Array) => void,
  ) {
    const decoders = this.decoders(contentEncoding)
    const collector = new Writable({
      write: (chunk: Buffer, _encoding, callback) => {
        this.collect(chunk).then(() => callback(), callback)
      },
    })
    this.done = new Promise((resolve, reject) => {
      const streams = [this.input, ...decoders, collector] as [PassThrough, ...Writable[]]
      pipeline(streams, (error) => {
        if (error && decoders.length > 0 && !this.truncated && isZlibError(error)) {
          this.decodeError = `The ${contentEncoding} body could not be decoded: ${error.message}`
        } else if (error && !this.truncated) {
          // What arrived is kept (and its file closed) for the person to look at beside the error.
          ;(this.sink ? this.sink.end() : Promise.resolve()).then(
            () => reject(error),
            () => reject(error),
          )
          return
        }
        ;(this.sink ? this.sink.end() : Promise.resolve()).then(resolve, reject)
      })
    })
    // A failed exchange rejects `done` with nobody waiting; the exchange reports the error itself.
    this.done.catch(() => {})
  }

  private decoders(contentEncoding: string | undefined): Transform[] {
    if (!contentEncoding) return []
    const layers = contentEncoding
      .split(',')
      .map((token) => token.trim().toLowerCase())
      .filter((token) => token !== '' && token !== 'identity')
    if (layers.length > MAX_ENCODING_LAYERS) {
      this.decodeError = `More than ${MAX_ENCODING_LAYERS} content encodings; the body is kept as received.`
      return []
    }
    const decoders: Transform[] = []
    // Encodings are listed in the order they were applied, so undo them last-first.
    for (const layer of layers.reverse()) {
      const decoder = decoderFor(layer)
      if (!decoder) {
        this.decodeError = `Content-Encoding "${layer}" is not supported; the body is kept as received.`
        return []
      }
      decoders.push(decoder)
    }
    return decoders
  }

  /** Feeds wire bytes; false means "wait for drain" (backpressure). */
  push(chunk: Buffer, onDrain: () => void): boolean {
    this.wireBytes += chunk.length
    if (this.input.destroyed || this.input.writableEnded || this.truncated) return true
    const ok = this.input.write(chunk)
    if (!ok) this.input.once('drain', onDrain)
    return ok
  }

  finish(): void {
    if (!this.input.destroyed && !this.input.writableEnded) this.input.end()
  }

  fail(error: Error): void {
    this.input.destroy(error)
  }

  /** The first decoded bytes, for the inline preview. */
  head(): Buffer {
    return Buffer.concat(this.headChunks)
  }

  private async collect(chunk: Buffer): Promise<void> {
    if (this.truncated) return
    let piece = chunk
    if (this.decodedBytes + piece.length > this.cap) {
      piece = piece.subarray(0, this.cap - this.decodedBytes)
      this.truncated = true
    }
    this.decodedBytes += piece.length
    if (this.headBytes < this.headLimit) {
      const part = piece.subarray(0, this.headLimit - this.headBytes)
      this.headChunks.push(part)
      this.headBytes += part.length
    }
    if (this.sink && piece.length > 0) await this.sink.write(piece)
    if (this.tap && piece.length > 0) this.tap(piece)
    if (this.truncated) {
      this.onCap()
      this.input.end()
    }
  }
}

function isZlibError(error: Error): boolean {
  const code = (error as { code?: string }).code ?? ''
  return (
    code.startsWith('Z_') ||
    code.startsWith('ERR_BROTLI') ||
    code === 'ERR__ERROR_FORMAT_PADDING_1' ||
    /incorrect header|invalid|unexpected end/i.test(error.message)
  )
}
