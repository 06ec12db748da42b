import { describe, expect, it } from 'vitest'
import { isTextualContentType, looksLikeText, suggestFilename } from './media-types.js'

describe('media types', () => {
  it('treats JSON, XML and their +suffix types as text', () => {
    for (const type of [
      'application/json; charset=utf-8',
      'application/problem+json',
      'text/html',
      'application/atom+xml',
      'image/svg+xml',
    ]) {
      expect(isTextualContentType(type)).toBe(true)
    }
    for (const type of ['image/png', 'application/octet-stream', 'application/pdf', '']) {
      expect(isTextualContentType(type)).toBe(false)
    }
  })

  it('sniffs UTF-8 text and refuses bytes with NUL', () => {
    expect(looksLikeText(new TextEncoder().encode('héllo'))).toBe(true)
    expect(looksLikeText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1]))).toBe(false)
  })

  it('names downloads from Content-Disposition, then the URL, never as a path', () => {
    expect(suggestFilename('attachment; filename="../../etc/passwd"', 'http://h/x', null)).toBe(
      '.._.._etc_passwd'.replace(/^\.+/, ''),
    )
    expect(suggestFilename("attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf", 'http://h/x', null)).toBe('résumé.pdf')
    expect(suggestFilename(null, 'http://h/files/report.csv?x=1', 'text/csv')).toBe('report.csv')
    expect(suggestFilename(null, 'http://h/users/42', 'application/json')).toBe('42.json')
    expect(suggestFilename(null, 'http://h/', 'image/png')).toBe('response.png')
  })
})
