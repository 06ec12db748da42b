/**
 * The bytes of an imported file → its text, as newman reads a file: a UTF-8 byte order mark is
 * dropped, UTF-16 LE/BE (with a mark, or without one when every other byte of ASCII text is 0)
 * is decoded as such, and bytes that are not UTF-8 are read as Latin-1 (chardet's ISO-8859-1).
 * Used wherever an upload, a fetched import URL or a `courier run` file becomes text.
 */
export function decodeImportBytes(bytes: Uint8Array): string {
  const [a, b, c] = bytes
  if (a === 0xef && b === 0xbb && c === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3))
  if (a === 0xff && b === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2))
  if (a === 0xfe && b === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2))
  if (bytes.length >= 4 && a !== 0 && b === 0 && bytes[3] === 0) return new TextDecoder('utf-16le').decode(bytes)
  if (bytes.length >= 4 && a === 0 && b !== 0 && c === 0) return new TextDecoder('utf-16be').decode(bytes)
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder('latin1').decode(bytes)
  }
}

/** Text that still starts with a byte order mark (pasted, or decoded by something else) without it. */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}
