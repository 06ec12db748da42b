import { Readable } from 'node:stream'
import type { BlobStore, ByteRange } from '../ports/blob-store.js'

/** A blob's bytes as a stream at once: an error, a missing blob (`missing()`) included, arrives as the stream's error. */
export function readBlob(
  blobs: Pick<BlobStore, 'openRead'>,
  id: string,
  range: ByteRange | undefined,
  missing: () => Error,
): Readable {
  async function* bytes(): AsyncGenerator<Buffer> {
    const opened = await blobs.openRead(id, range)
    if (!opened) throw missing()
    for await (const chunk of opened.stream) yield chunk as Buffer
  }
  return Readable.from(bytes(), { objectMode: false })
}
