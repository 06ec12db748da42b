/** One line of a hex dump: offset, hex bytes and their printable ASCII. */
export type HexLine = { offset: string; hex: string; ascii: string }

/**
 * The classic `xxd`-style view of bytes: 16 per line, a gap after 8, non-printable bytes as `.`.
 * `startOffset` numbers lines when the bytes are a window of a larger body.
 */
export function hexDump(bytes: Uint8Array, startOffset = 0, width = 16): HexLine[] {
  const lines: HexLine[] = []
  for (let at = 0; at < bytes.length; at += width) {
    const row = bytes.subarray(at, at + width)
    let hex = ''
    let ascii = ''
    for (let i = 0; i < width; i++) {
      if (i > 0) hex += i === width / 2 ? '  ' : ' '
      if (i < row.length) {
        const byte = row[i]!
        hex += byte.toString(16).padStart(2, '0')
        ascii += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.'
      } else {
        hex += '  '
      }
    }
    lines.push({ offset: (startOffset + at).toString(16).padStart(8, '0'), hex, ascii })
  }
  return lines
}

/** The dump as text, one line per row: `00000000  89 50 4e 47 …  |.PNG….|`. */
export function hexDumpText(bytes: Uint8Array, startOffset = 0): string {
  return hexDump(bytes, startOffset)
    .map((line) => `${line.offset}  ${line.hex}  |${line.ascii}|`)
    .join('\n')
}
