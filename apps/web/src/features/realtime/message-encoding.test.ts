import { describe, expect, it } from 'vitest'
import { encodeMessage, hexToBase64 } from './message-encoding'

describe('message encoding', () => {
  it('reads hex with spaces and 0x', () => {
    expect(hexToBase64('48 65 6c 6c 6f')).toBe(btoa('Hello'))
    expect(hexToBase64('0x00:0xff')).toBe(btoa('\x00\xff'))
    expect(hexToBase64('abc')).toBeNull()
  })
  it('sends binary as base64 and says what is wrong', () => {
    expect(encodeMessage('hex', '00 01')).toEqual({ format: 'binary', data: 'AAE=' })
    expect(encodeMessage('base64', 'AA E=')).toEqual({ format: 'binary', data: 'AAE=' })
    expect(encodeMessage('base64', '***')).toHaveProperty('problem')
    expect(encodeMessage('json', '{"a":{{x}}}')).toEqual({ format: 'json', data: '{"a":{{x}}}' })
  })
})
