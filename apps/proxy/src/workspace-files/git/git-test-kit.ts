import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { emptyRequestSpec, type CollectionItem, type CollectionTree, type RequestSpec } from '@courier/shared'
import { filesOfCollection, type WorkspaceFile } from '@courier/shared/workspace-files'
import { onTestFinished } from 'vitest'

/** A temporary folder, removed when the test ends. */
export function tempFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'courier-git-'))
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/**
 * git in tests reads only a config of ours (a name and email, `main`), never the person's or the system's.
 * Call once per test file, before any git runs.
 */
export function isolateGitConfig(): void {
  const home = mkdtempSync(join(tmpdir(), 'courier-git-home-'))
  const config = join(home, 'gitconfig')
  writeFileSync(
    config,
    '[user]\n\tname = Courier Test\n\temail = test@courier.invalid\n[init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n',
  )
  process.env.GIT_CONFIG_GLOBAL = config
  process.env.GIT_CONFIG_NOSYSTEM = '1'
  process.env.HOME = home
  delete process.env.GIT_DIR
  delete process.env.GIT_WORK_TREE
  delete process.env.GIT_INDEX_FILE
}

/** Runs git for a test's setup (not the code under test) and answers its stdout. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
}

export function writeFiles(dir: string, files: readonly WorkspaceFile[]): void {
  for (const f of files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true })
    writeFileSync(join(dir, f.path), f.text)
  }
}

export function writeText(dir: string, path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true })
  writeFileSync(join(dir, path), text)
}

/** The folder's files under collections/ and environments/, as the sync hands them over. */
export function readFiles(dir: string): WorkspaceFile[] {
  const out: WorkspaceFile[] = []
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name)
      if (statSync(path).isDirectory()) walk(path)
      else out.push({ path: relative(dir, path).split('\\').join('/'), text: readFileSync(path, 'utf8') })
    }
  }
  for (const top of ['collections', 'environments']) {
    try {
      walk(join(dir, top))
    } catch {
      // not there
    }
  }
  return out
}

const AT = '2026-01-01T00:00:00.000Z'

export function request(
  id: string,
  name: string,
  spec: Partial<RequestSpec> = {},
  parentId: string | null = null,
): CollectionItem {
  return {
    id,
    name,
    kind: 'request',
    collectionId: 'c1',
    parentId,
    position: 0,
    version: 1,
    updatedAt: AT,
    request: { ...emptyRequestSpec(), url: 'http://127.0.0.1:1/', ...spec },
  }
}

export function folder(id: string, name: string, extra: Partial<CollectionItem> = {}): CollectionItem {
  return {
    id,
    name,
    kind: 'folder',
    collectionId: 'c1',
    parentId: null,
    position: 0,
    version: 1,
    updatedAt: AT,
    description: '',
    auth: { type: 'inherit' },
    headers: [],
    variables: [],
    scripts: { preRequest: '', test: '' },
    ...extra,
  } as CollectionItem
}

/** A collection "Shop" with the items given, positions in the order given. */
export function shop(items: CollectionItem[], extra: Partial<CollectionTree> = {}): CollectionTree {
  return {
    id: 'c1',
    name: 'Shop',
    description: '',
    auth: { type: 'none' },
    headers: [],
    variables: [],
    scripts: { preRequest: '', test: '' },
    version: 1,
    updatedAt: AT,
    schemaVersion: 1,
    items: items.map((item, position) => ({ ...item, position })),
    ...extra,
  }
}

export const shopFiles = (items: CollectionItem[], extra: Partial<CollectionTree> = {}) =>
  filesOfCollection(shop(items, extra), 'shop')
