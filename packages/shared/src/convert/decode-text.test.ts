import { describe, expect, it } from 'vitest'
import { decodeImportBytes, withoutBom } from './decode-text.js'

const text = '{"name":"Café ☕"}'
const utf16be = (s: string) => {
  const le = Buffer.from(s, 'utf16le')
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!]
  return le
}

describe('decodeImportBytes reads a file as newman does', () => {
  it.each([
    ['UTF-8', Buffer.from(text)],
    ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
    ['UTF-16 LE with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
    ['UTF-16 BE with a BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)])],
    ['UTF-16 LE without a BOM', Buffer.from(text, 'utf16le')],
    ['UTF-16 BE without a BOM', utf16be(text)],
  ])('%s', (_name, bytes) => {
    expect(decodeImportBytes(new Uint8Array(bytes))).toBe(text)
  })

  it('reads bytes that are not UTF-8 as Latin-1 instead of replacing them', () => {
    expect(decodeImportBytes(new Uint8Array(Buffer.from('{"n":"Caf\u00e9"}', 'latin1')))).toBe('{"n":"Café"}')
  })

  it('drops a byte order mark left at the start of text', () => {
    expect(withoutBom('\ufeff{}')).toBe('{}')
    expect(withoutBom('{}')).toBe('{}')
  })
})
