import type { Readable } from 'node:stream'

/** Uploaded files as the engine reads them for multipart and binary bodies: by id, never by path. */
export interface FileSource {
  /** The file's size in bytes, or undefined when it is gone. */
  size(id: string): Promise<number | undefined>
  open(id: string): Readable
}
