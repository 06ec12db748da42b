import { mkdirSync, chmodSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

/** The user's data folder: COURIER_DATA_DIR, else $XDG_DATA_HOME/courier, else ~/.local/share/courier. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.COURIER_DATA_DIR) return env.COURIER_DATA_DIR
  const base = env.XDG_DATA_HOME || join(homedir(), '.local', 'share')
  return join(base, 'courier')
}

/** Creates the folder readable by its owner only (docs/security.md#secrets-at-rest: other local users must not read history). */
export function ensurePrivateDir(path: string): string {
  mkdirSync(path, { recursive: true, mode: 0o700 })
  chmodSync(path, 0o700)
  return path
}
