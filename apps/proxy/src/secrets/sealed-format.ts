import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { CourierError } from '../errors.js'

/**
 * Courier's sealed file format, version 1: a file encrypted at rest in independently
 * authenticated chunks, so it streams with flat memory and a range read opens only the chunks
 * it needs. In the spirit of the STREAM construction (Hoang, Reyhanitabar, Rogaway, Vizár 2015):
 *
 *   header  = "CRSEAL" | version (1) | log2 chunk size (1) | salt (24)          32 bytes
 *   okm     = HKDF-SHA256(data key, salt, "courier sealed file v1")             32 + 7 bytes
 *   chunk i = AES-256-GCM(okm[0..32], nonce = okm[32..39] | u32be(i) | last, aad = header)
 *             ciphertext | tag (16)
 *
 * Chunks are 256 KiB (the header says, so a later version may change it). Every chunk but the last holds exactly `chunkSize` plain bytes; the last holds 0 to
 * chunkSize - 1 (an exact multiple ends with an empty last chunk), so a writer never has to look
 * ahead and the plain size follows from the file size alone. The random salt gives each file its
 * own key, so nonces never repeat across files; the counter in the nonce catches reordered or
 * dropped chunks, the last flag a file cut at a chunk boundary, the header as AAD an edited header.
 */
export const MAGIC = Buffer.from('CRSEAL', 'latin1')
export const VERSION = 1
export const HEADER_SIZE = 32
export const TAG_SIZE = 16
const SALT_SIZE = 24
const PREFIX_SIZE = 7
export const KEY_INFO = 'courier sealed file v1'
export const DEFAULT_CHUNK_SHIFT = 18 // 256 KiB: a quarter of the per-chunk work of 64 KiB, and a range read opens at most 512 KiB more than it needs

/** Derives the per-file key material (key and nonce prefix) from the data key and a salt. */
export type KeyDeriver = (salt: Buffer, info: string, length: number) => Buffer

export type FileKey = { header: Buffer; key: Buffer; prefix: Buffer; chunkSize: number }

export function damaged(what: string, cause?: unknown): CourierError {
  return new CourierError(
    'STORAGE_CORRUPT',
    `The stored ${what} is damaged or was altered (it failed its integrity check), so Courier will not show it; delete it and send or upload again.`,
    cause === undefined ? {} : { cause },
  )
}

export function hasMagic(head: Buffer): boolean {
  return head.length >= MAGIC.length && head.subarray(0, MAGIC.length).equals(MAGIC)
}

function keyFor(header: Buffer, derive: KeyDeriver): FileKey {
  const okm = derive(header.subarray(8, 8 + SALT_SIZE), KEY_INFO, 32 + PREFIX_SIZE)
  return { header, key: okm.subarray(0, 32), prefix: okm.subarray(32), chunkSize: 2 ** header[7]! }
}

/** A fresh header (new salt) and its key, for a file about to be written. */
export function newFileKey(derive: KeyDeriver, chunkShift = DEFAULT_CHUNK_SHIFT): FileKey {
  const header = Buffer.alloc(HEADER_SIZE)
  MAGIC.copy(header, 0)
  header[6] = VERSION
  header[7] = chunkShift
  randomBytes(SALT_SIZE).copy(header, 8)
  return keyFor(header, derive)
}

/** The key of an existing file from its header; refuses an unknown version or geometry. */
export function fileKeyFromHeader(header: Buffer, derive: KeyDeriver, what: string): FileKey {
  if (header.length < HEADER_SIZE || !hasMagic(header)) throw damaged(what)
  if (header[6] !== VERSION)
    throw new CourierError(
      'STORAGE_CORRUPT',
      `The stored ${what} was sealed by a newer Courier (format ${header[6]}); open it with that version.`,
    )
  if (header[7]! < 10 || header[7]! > 24) throw damaged(what)
  return keyFor(Buffer.from(header.subarray(0, HEADER_SIZE)), derive)
}

/** The nonce of chunk `index`: the file's prefix, the counter, the last flag. */
export function chunkNonce(file: FileKey, index: number, last: boolean): Buffer {
  const iv = Buffer.alloc(12)
  file.prefix.copy(iv, 0)
  iv.writeUInt32BE(index, PREFIX_SIZE)
  iv[11] = last ? 1 : 0
  return iv
}

/** Seals chunk `index` from its plain pieces (their total is chunkSize, or less for the last). */
export function sealChunk(file: FileKey, index: number, last: boolean, pieces: readonly Buffer[]): Buffer[] {
  const cipher = createCipheriv('aes-256-gcm', file.key, chunkNonce(file, index, last))
  cipher.setAAD(file.header)
  const out = pieces.map((piece) => cipher.update(piece))
  out.push(cipher.final(), cipher.getAuthTag())
  return out
}

/** Opens one sealed chunk (ciphertext and tag); throws STORAGE_CORRUPT when it does not verify. */
export function openChunk(file: FileKey, index: number, last: boolean, sealed: Buffer, what: string): Buffer {
  if (sealed.length < TAG_SIZE) throw damaged(what)
  const decipher = createDecipheriv('aes-256-gcm', file.key, chunkNonce(file, index, last))
  decipher.setAAD(file.header)
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_SIZE))
  try {
    const plain = decipher.update(sealed.subarray(0, sealed.length - TAG_SIZE))
    decipher.final()
    return plain
  } catch (cause) {
    throw damaged(what, cause)
  }
}

/** Where chunk `index` starts in the sealed file. */
export function chunkOffset(index: number, chunkSize: number): number {
  return HEADER_SIZE + index * (chunkSize + TAG_SIZE)
}

export type Geometry = { plainSize: number; chunks: number; chunkSize: number }

/** Plain size and chunk count from the sealed file's size; undefined when no file could have that size. */
export function geometry(fileSize: number, chunkSize: number): Geometry | undefined {
  const body = fileSize - HEADER_SIZE
  if (body < TAG_SIZE) return undefined
  const stride = chunkSize + TAG_SIZE
  const full = Math.floor(body / stride)
  const rest = body - full * stride
  if (rest < TAG_SIZE) return undefined
  return { plainSize: full * chunkSize + rest - TAG_SIZE, chunks: full + 1, chunkSize }
}

/** The sealed file's size for a plain size (what geometry() inverts). */
export function sealedSize(plainSize: number, chunkSize: number): number {
  const full = Math.floor(plainSize / chunkSize)
  return HEADER_SIZE + full * (chunkSize + TAG_SIZE) + (plainSize - full * chunkSize) + TAG_SIZE
}
