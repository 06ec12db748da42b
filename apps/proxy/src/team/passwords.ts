import { randomBytes } from 'node:crypto'
import { lazy } from '../lazy.js'

/** Only a team server hashes passwords: Argon2's native module loads on the first. */
const argon2 = lazy(() => import('@node-rs/argon2'))

/**
 * Passwords are hashed with Argon2id (@node-rs/argon2's default algorithm, with its default
 * cost: 19 MiB, 2 passes, 1 lane — OWASP's minimum for Argon2id) and a random salt per hash.
 * The library compares the derived hash in constant time.
 */
export const MIN_PASSWORD_LENGTH = 10
export const MAX_PASSWORD_LENGTH = 256

/** Why a new password cannot be used, as a sentence; null when it can. */
export function passwordProblem(password: string, confirm?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters; a few words in a row make a good one.`
  if (password.length > MAX_PASSWORD_LENGTH) return `Choose a password of at most ${MAX_PASSWORD_LENGTH} characters.`
  if (confirm !== undefined && confirm !== password) return 'The two passwords differ; type the same password twice.'
  return null
}

export async function hashPassword(password: string): Promise<string> {
  return (await argon2()).hash(password)
}

let dummy: Promise<string> | undefined

/**
 * Whether `password` matches `stored`. With no stored hash (an unknown email, or a person who
 * has not set a password yet) it checks against a dummy hash of the same cost, so the answer
 * takes as long and reveals nothing about who has an account.
 */
export async function checkPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  const { hash, verify } = await argon2()
  if (!stored) {
    dummy ??= hash(randomBytes(32).toString('base64url'))
    await verify(await dummy, password).catch(() => false)
    return false
  }
  return verify(stored, password).catch(() => false)
}
