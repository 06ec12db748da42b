import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { onTestFinished } from 'vitest'

/** A temporary data folder, removed when the test ends. */
export function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'courier-test-'))
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}
