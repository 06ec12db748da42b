import { describe, expect, it } from 'vitest'
import { tempDataDir } from '../test/temp-dir.js'
import { SecretBox } from './secret-box.js'

describe('SecretBox', () => {
  it('seals and opens, never storing the plain text', () => {
    const box = SecretBox.open(tempDataDir())
    const sealed = box.seal('refresh-token-123')
    expect(sealed).not.toContain('refresh-token-123')
    expect(box.open(sealed)).toBe('refresh-token-123')
  })

  it('keeps one key per data folder across restarts and refuses a tampered value', () => {
    const dir = tempDataDir()
    const sealed = SecretBox.open(dir).seal('x')
    expect(SecretBox.open(dir).open(sealed)).toBe('x')
    const tampered = sealed.slice(0, -4) + (sealed.endsWith('AAAA') ? 'BBBB' : 'AAAA')
    expect(() => SecretBox.open(dir).open(tampered)).toThrow()
    expect(() => SecretBox.open(tempDataDir()).open(sealed)).toThrow()
  })
})
