import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { FolderWatch } from './folder-watch.js'

const made: { dir: string; watch: FolderWatch }[] = []
afterEach(() => {
  for (const { dir, watch } of made.splice(0)) {
    watch.close()
    rmSync(dir, { recursive: true, force: true })
  }
})

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A watched workspace folder; `heard(write)` says whether the watch reported what `write` did. */
function watched() {
  const dir = mkdtempSync(join(tmpdir(), 'courier-folder-watch-'))
  mkdirSync(join(dir, 'collections'))
  let calls = 0
  const watch = new FolderWatch(
    dir,
    () => calls++,
    () => {},
    () => {},
  )
  made.push({ dir, watch })
  const heard = async (write: () => void): Promise<boolean> => {
    // Reports of the step before may still be on their way: wait until there are none for a while.
    for (let seen = -1; seen !== calls;) {
      seen = calls
      await pause(150)
    }
    const before = calls
    write()
    for (let waited = 0; waited < 2000 && calls === before; waited += 20) await pause(20)
    return calls > before
  }
  return { dir, heard }
}

describe('the folder watch', () => {
  it('hears an edit in place to a file Courier replaced by a rename (its atomic write)', async () => {
    const { dir, heard } = watched()
    const folder = join(dir, 'collections', 'orders')
    const file = join(folder, 'get-order.yaml')
    const courierWrites = (text: string) => {
      writeFileSync(join(folder, '.courier-tmp-1'), text)
      renameSync(join(folder, '.courier-tmp-1'), file)
    }
    expect(await heard(() => mkdirSync(folder))).toBe(true)
    expect(await heard(() => courierWrites('url: http://a.test\n'))).toBe(true)
    expect(await heard(() => writeFileSync(file, 'url: http://edited.test\n'))).toBe(true)
    expect(await heard(() => courierWrites('url: http://b.test\n'))).toBe(true)
    expect(await heard(() => writeFileSync(file, 'url: http://theirs.test\n')), 'the edit after the rename').toBe(true)
  })

  it('hears files in a folder made after it started, and again once that folder was renamed', async () => {
    const { dir, heard } = watched()
    const made = join(dir, 'collections', 'new-collection')
    expect(await heard(() => mkdirSync(join(made, 'folder'), { recursive: true }))).toBe(true)
    expect(await heard(() => writeFileSync(join(made, 'folder', 'r.yaml'), 'x'))).toBe(true)
    expect(await heard(() => renameSync(made, join(dir, 'collections', 'orders')))).toBe(true)
    expect(await heard(() => writeFileSync(join(dir, 'collections', 'orders', 'folder', 'r.yaml'), 'y'))).toBe(true)
  })

  it('hears files in a folder deleted and made again at once (a checkout), which may reuse its inode', async () => {
    const { dir, heard } = watched()
    const folder = join(dir, 'collections', 'shop', 'users')
    expect(await heard(() => mkdirSync(folder, { recursive: true }))).toBe(true)
    expect(await heard(() => writeFileSync(join(folder, 'r.yaml'), 'x'))).toBe(true)
    expect(
      await heard(() => {
        rmSync(join(dir, 'collections', 'shop'), { recursive: true })
        mkdirSync(folder, { recursive: true })
      }),
    ).toBe(true)
    expect(await heard(() => writeFileSync(join(folder, 'r.yaml'), 'y')), 'a file in the folder made again').toBe(true)
  })
})
