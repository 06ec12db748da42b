import { describe, expect, it } from 'vitest'
import { hexDump, hexDumpText } from './hex-dump.js'

describe('hex dump', () => {
  it('prints offsets, hex pairs with a gap after eight, and printable ASCII', () => {
    const bytes = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x41, 0x7e, 0x7f, 0xff, 0x20, 0x42, 0x43, 0x44,
    ])
    const lines = hexDump(bytes)
    expect(lines).toHaveLength(2)
    expect(lines[0]).toEqual({
      offset: '00000000',
      hex: '89 50 4e 47 0d 0a 1a 0a  00 41 7e 7f ff 20 42 43',
      ascii: '.PNG.....A~.. BC',
    })
    expect(lines[1]!.offset).toBe('00000010')
    expect(lines[1]!.hex.trimEnd()).toBe('44')
    expect(lines[1]!.hex).toHaveLength(lines[0]!.hex.length) // short rows keep the ASCII column aligned
  })

  it('numbers lines from a start offset and renders as text', () => {
    expect(hexDumpText(new Uint8Array([0x61, 0x62]), 0x100)).toBe(`00000100  61 62${' '.repeat(43)}  |ab|`)
    expect(hexDump(new Uint8Array())).toEqual([])
  })
})
