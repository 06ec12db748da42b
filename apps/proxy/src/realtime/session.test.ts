import { describe, expect, it } from 'vitest'
import { truncate } from './session.js'

describe('frame preview truncation', () => {
  it('keeps a text within the cap as is, and cuts a longer one at a byte count without half a character', () => {
    expect(truncate('short', 'utf8', 1024)).toBe('short')
    const cut = truncate('é'.repeat(1000), 'utf8', 1025)
    expect(Buffer.byteLength(cut)).toBe(1024)
    expect(cut).toBe('é'.repeat(512))
  })

  it('counts base64 as the bytes it encodes and cuts on a whole group', () => {
    const data = Buffer.alloc(3000, 7).toString('base64')
    const cut = truncate(data, 'base64', 1024)
    expect(Buffer.from(cut, 'base64').length).toBe(1023)
    expect(cut.length % 4).toBe(0)
    expect(truncate(Buffer.alloc(10).toString('base64'), 'base64', 1024)).toBe(Buffer.alloc(10).toString('base64'))
  })
})
