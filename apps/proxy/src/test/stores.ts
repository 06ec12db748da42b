import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { SecretBox } from '../secrets/secret-box.js'
import { BodyStore } from '../storage/body-store.js'
import { FileStore } from '../storage/file-store.js'
import { tempDataDir } from './temp-dir.js'

/** A body store in a temp folder (unless given), sealed with a fresh random key. */
export function testBodyStore(dir = tempDataDir(), box = new SecretBox(randomBytes(32))): BodyStore {
  return BodyStore.inFolder(join(dir, 'bodies'), box)
}

export function testFileStore(dir = tempDataDir(), box = new SecretBox(randomBytes(32))): FileStore {
  return FileStore.inFolder(join(dir, 'files'), box)
}
