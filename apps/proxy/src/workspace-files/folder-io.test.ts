import { existsSync } from 'node:fs'
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDataDir } from '../test/temp-dir.js'
import {
  FolderGoneError,
  isCourierPath,
  readWorkspaceFolder,
  removeFile,
  topFolders,
  writeAtomically,
} from './folder-io.js'

describe('workspace folder reads and writes', () => {
  it('writes only .yaml under collections/ and environments/, never through a symbolic link', async () => {
    const dir = tempDataDir()
    const outside = tempDataDir()
    expect(isCourierPath('collections/a/b.yaml')).toBe(true)
    expect(isCourierPath('environments/dev.yaml')).toBe(true)
    for (const bad of [
      'README.md',
      'collections/a.yaml',
      'collections/../x/a.yaml',
      '.git/config',
      'environments/a/b.yaml',
    ])
      expect(isCourierPath(bad)).toBe(false)
    await expect(writeAtomically(dir, '.git/HEAD.yaml', 'x')).rejects.toThrow(/outside/)
    await mkdir(join(dir, 'collections'), { recursive: true })
    await symlink(outside, join(dir, 'collections/linked'))
    await expect(writeAtomically(dir, 'collections/linked/collection.yaml', 'x')).rejects.toThrow(/not a folder/)
    expect(existsSync(join(outside, 'collection.yaml'))).toBe(false)
    await writeFile(join(outside, 'kept.yaml'), 'mine')
    await expect(removeFile(dir, 'collections/linked/kept.yaml')).rejects.toThrow(/not a folder/)
    expect(await readFile(join(outside, 'kept.yaml'), 'utf8')).toBe('mine')
    // Reading does not follow the link either.
    expect(await readWorkspaceFolder(dir)).toEqual([])
  })

  it('removes the folders a delete leaves empty, up to collections/', async () => {
    const dir = tempDataDir()
    await writeAtomically(dir, 'collections/a/b/c.yaml', 'x')
    await writeAtomically(dir, 'collections/a/d.yaml', 'y')
    await removeFile(dir, 'collections/a/b/c.yaml')
    expect(existsSync(join(dir, 'collections/a/b'))).toBe(false)
    expect(await readWorkspaceFolder(dir)).toEqual([{ path: 'collections/a/d.yaml', text: 'y' }])
    await removeFile(dir, 'collections/a/d.yaml')
    expect(existsSync(join(dir, 'collections/a'))).toBe(false)
    expect(existsSync(join(dir, 'collections'))).toBe(true)
  })

  it('a folder that does not exist is an error, a missing or linked collections/ is told apart and not read', async () => {
    const dir = tempDataDir()
    const outside = tempDataDir()
    await expect(readWorkspaceFolder(join(dir, 'nope'))).rejects.toBeInstanceOf(FolderGoneError)
    await expect(topFolders(join(dir, 'nope'))).rejects.toBeInstanceOf(FolderGoneError)
    expect(await topFolders(dir)).toEqual({ collections: 'missing', environments: 'missing' })
    await mkdir(join(outside, 'a'), { recursive: true })
    await writeFile(join(outside, 'a', 'collection.yaml'), 'x: 1\n')
    await symlink(outside, join(dir, 'collections'))
    await mkdir(join(dir, 'environments'))
    await writeFile(join(dir, 'environments', 'dev.yaml'), 'y: 1\n')
    expect(await topFolders(dir)).toEqual({ collections: 'link', environments: 'folder' })
    expect((await readWorkspaceFolder(dir)).map((f) => f.path)).toEqual(['environments/dev.yaml'])
  })
})
