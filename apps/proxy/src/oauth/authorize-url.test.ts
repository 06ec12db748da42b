import { describe, expect, it } from 'vitest'
import { authorizeUrl } from './authorize-url.js'

describe('authorizeUrl', () => {
  it('keeps the endpoint query, drops empty values and lets extras replace or add', () => {
    const { url, params, ignored } = authorizeUrl(
      new URL('https://id.example/authorize?tenant=7'),
      [
        ['response_type', 'code'],
        ['client_id', 'app'],
        ['scope', ''],
        ['state', 's1'],
      ],
      [
        ['prompt', 'consent'],
        ['response_type', 'code id_token'],
        ['state', 'evil'],
        ['redirect_uri', 'https://evil.example/'],
      ],
    )
    expect(url.href).toBe(
      'https://id.example/authorize?tenant=7&response_type=code+id_token&client_id=app&state=s1&prompt=consent',
    )
    expect(params).toEqual([
      ['response_type', 'code id_token'],
      ['client_id', 'app'],
      ['state', 's1'],
      ['prompt', 'consent'],
    ])
    expect(ignored).toEqual(['state', 'redirect_uri'])
  })
})
