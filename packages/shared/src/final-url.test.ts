import { describe, expect, it } from 'vitest'
import { finalUrl, finalUrlPreview } from './final-url.js'

describe('finalUrl', () => {
  it('percent-encodes what the WHATWG parser encodes and substitutes path params', () => {
    expect(finalUrl('api.test/users/:id/files?name=my report.pdf&q=ü', [['id', 'a b']]).href).toBe(
      'http://api.test/users/a%20b/files?name=my%20report.pdf&q=%C3%BC',
    )
  })

  it('keeps an explicit scheme and a host:port without one', () => {
    expect(finalUrl('https://api.test/x').href).toBe('https://api.test/x')
    expect(finalUrl('localhost:3000/health').href).toBe('http://localhost:3000/health')
  })

  it('answers null for text that is not a URL yet', () => {
    expect(finalUrlPreview('http://')).toBeNull()
    expect(finalUrlPreview('')).toBeNull()
  })
})
