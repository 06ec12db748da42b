import { describe, expect, it } from 'vitest'
import { checkPassword, hashPassword, passwordProblem } from './passwords.js'

describe('passwords', () => {
  it('are stored as Argon2id hashes with a salt of their own, and check only the right password', async () => {
    const one = await hashPassword('correct horse battery')
    const two = await hashPassword('correct horse battery')
    expect(one).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/)
    expect(Number(/m=(\d+)/.exec(one)![1])).toBeGreaterThanOrEqual(19_456)
    expect(one).not.toBe(two)
    expect(one).not.toContain('correct horse')
    await expect(checkPassword(one, 'correct horse battery')).resolves.toBe(true)
    await expect(checkPassword(one, 'correct horse batterY')).resolves.toBe(false)
    await expect(checkPassword('not a hash', 'x')).resolves.toBe(false)
  })

  it('without a stored hash, spend about as long as a real check before saying no', async () => {
    const stored = await hashPassword('a password of some length')
    await checkPassword(null, 'warm-up') // the dummy hash is made once
    const time = async (run: () => Promise<boolean>) => {
      const started = performance.now()
      expect(await run()).toBe(false)
      return performance.now() - started
    }
    const real: number[] = []
    const unknown: number[] = []
    for (let i = 0; i < 5; i++) {
      real.push(await time(() => checkPassword(stored, 'wrong password')))
      unknown.push(await time(() => checkPassword(undefined, 'wrong password')))
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[2]!
    // Both run one Argon2id verification of the same cost; a shortcut would take well under a millisecond.
    expect(median(unknown)).toBeGreaterThan(median(real) / 3)
  })

  it('says in a sentence what is wrong with a new password', () => {
    expect(passwordProblem('short')).toMatch(/at least 10 characters/)
    expect(passwordProblem('long enough password', 'long enough passw0rd')).toMatch(/differ/)
    expect(passwordProblem('long enough password', 'long enough password')).toBeNull()
  })
})
