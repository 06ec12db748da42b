import { describe, expect, it } from 'vitest'
import { readCallbackParams } from './callback-params.js'

describe('readCallbackParams', () => {
  it('takes code, state, iss and errors, ignoring anything that could steer a redirect', () => {
    const params = readCallbackParams([
      ['code', 'c'],
      ['state', 's'],
      ['iss', 'https://id.example'],
      ['redirect_uri', 'https://evil.example'],
      ['return_to', '//evil.example'],
    ])
    expect(params).toMatchObject({ code: 'c', state: 's', iss: 'https://id.example', error: null })
    expect(Object.values(params)).not.toContain('https://evil.example')
  })

  it('refuses a parameter given twice (docs/security.md#oauth)', () => {
    expect(() =>
      readCallbackParams([
        ['state', 'a'],
        ['state', 'b'],
      ]),
    ).toThrow(expect.objectContaining({ code: 'OAUTH_CALLBACK_INVALID' }))
    expect(() =>
      readCallbackParams([
        ['code', 'a'],
        ['state', 's'],
        ['code', 'b'],
      ]),
    ).toThrow(/code more than once/)
  })
})
