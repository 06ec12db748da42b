import { describe, expect, it } from 'vitest'
import { codeChallenge, newCodeVerifier, newState } from './pkce.js'

describe('PKCE and state', () => {
  it('derives the RFC 7636 appendix B challenge', () => {
    expect(codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', 'S256')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    )
    expect(codeChallenge('abc', 'plain')).toBe('abc')
  })

  it('makes 43-character verifiers and states from the unreserved alphabet, never twice the same', () => {
    const values = Array.from({ length: 50 }, () => [newCodeVerifier(), newState()]).flat()
    for (const value of values) expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(new Set(values).size).toBe(values.length)
  })
})
