import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const PREFIX = 'enc:v1:'
/** Sealed bytes bound to what they belong to (AES-GCM additional data): a small body in its history row. */
const BYTES_PREFIX = 'enc:b1:'

/**
 * Encrypts secrets at rest (tokens, secret variables) with AES-256-GCM. The key lives in its own
 * file beside the database (or comes from COURIER_SECRET_KEY on a team server), so a copied
 * database file alone reveals nothing (docs/security.md#secrets-at-rest).
 */
export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('The secret key must be 32 bytes.')
  }

  /** The key from COURIER_SECRET_KEY (base64), else `<dataDir>/secret.key`, created on first use (0600). */
  static open(dataDir: string, env: NodeJS.ProcessEnv = process.env): SecretBox {
    if (env.COURIER_SECRET_KEY) return new SecretBox(Buffer.from(env.COURIER_SECRET_KEY, 'base64'))
    const path = join(dataDir, 'secret.key')
    if (!existsSync(path)) writeFileSync(path, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' })
    return new SecretBox(Buffer.from(readFileSync(path, 'utf8').trim(), 'base64'))
  }

  seal(plain: string): string {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.key, iv)
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')
  }

  open(sealed: string): string {
    if (!sealed.startsWith(PREFIX)) throw new Error('Not a sealed value.')
    const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64')
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12))
    decipher.setAuthTag(raw.subarray(12, 28))
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')
  }

  /** Seals bytes for one owner (`context`, e.g. a history entry's id): opened only with the same context. */
  sealBytes(plain: Buffer, context: string): string {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.key, iv)
    cipher.setAAD(Buffer.from(context, 'utf8'))
    const body = Buffer.concat([cipher.update(plain), cipher.final()])
    return BYTES_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')
  }

  /** Throws when the value was changed, sealed with another key, or for another context. */
  openBytes(sealed: string, context: string): Buffer {
    if (!sealed.startsWith(BYTES_PREFIX)) throw new Error('Not sealed bytes.')
    const raw = Buffer.from(sealed.slice(BYTES_PREFIX.length), 'base64')
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12))
    decipher.setAAD(Buffer.from(context, 'utf8'))
    decipher.setAuthTag(raw.subarray(12, 28))
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()])
  }

  /**
   * A key derived from the data key with HKDF-SHA256 (RFC 5869) for one purpose (`info`) and one
   * salt, so the data key itself never leaves this class (sealed files derive one per file).
   */
  deriveKey(salt: Buffer, info: string, length: number): Buffer {
    return Buffer.from(hkdfSync('sha256', this.key, salt, info, length))
  }

  static isSealed(value: string): boolean {
    return value.startsWith(PREFIX)
  }
}
