import type { CollectionTree, Environment } from '@courier/shared'
import {
  COLLECTIONS_DIR,
  COLLECTION_FILE,
  ENVIRONMENTS_DIR,
  loadWorkspaceFiles,
  type FileProblem,
  type SecretValue,
  type WorkspaceFile,
} from '@courier/shared/workspace-files'
import { createHash } from 'node:crypto'
import type { TopFolders } from './folder-io.js'
import { renderCollection, renderEnvironment, type Rendered } from './fingerprint.js'

export type FilesCollection = {
  tree: CollectionTree
  /** Its folder's name under collections/. */
  dir: string
  /** Every file the load read into it: the only files of that folder Courier may overwrite or delete. */
  paths: Set<string>
  fingerprint: string
  /** Its files as Courier would write what they hold, in this folder. */
  rendered: Rendered
  /** A file of its folder could not be read: nothing of it goes to the database, none of its files is touched. */
  blocked: boolean
}
export type FilesEnvironment = { env: Environment; path: string; fingerprint: string }

export type FilesSide = {
  collections: Map<string, FilesCollection>
  environments: Map<string, FilesEnvironment>
  problems: FileProblem[]
  /** Collection folders (names under collections/) with a file that could not be read. */
  blockedDirs: Set<string>
  /** Paths of files that could not be read: never written or deleted. */
  problemPaths: Set<string>
  /** Some collection's collection.yaml (or an environment file) is unreadable: who it was is unknown. */
  unknownCollection: boolean
  unknownEnvironment: boolean
  /** Every file present, by path. */
  present: Map<string, string>
  /**
   * collections/ (or environments/) missing while the base lists things of it, or a symbolic link: what
   * it held is unknown, so nothing of that kind is deleted, written or read (each is a problem).
   */
  frozen: Set<typeof COLLECTIONS_DIR | typeof ENVIRONMENTS_DIR>
}

/** How the folder's collections/ and environments/ stood, and whether the last agreed base lists things in each. */
export type SideFolders = {
  top?: TopFolders
  baseHas?: Partial<Record<typeof COLLECTIONS_DIR | typeof ENVIRONMENTS_DIR, boolean>>
}

/** What the last loads of each collection folder gave, by a hash of its files' text and the secrets given. */
export type LoadCache = Map<
  string,
  { key: string; loaded: ReturnType<typeof loadWorkspaceFiles>; rendered: Rendered | null }
>

/** A workspace file is a person's to read: one this large is not read (nor its collection synced). */
export const MAX_FILE_CHARS = 8 * 1024 * 1024

const idsOf = (tree: CollectionTree) => [tree.id, ...tree.items.map((i) => i.id)]

/**
 * Reads the folder's files one collection folder and one environment file at a time, so every file is
 * attributed to what it holds; an id used by two collections' files is a problem of the later one.
 */
export function loadFilesSide(
  files: readonly WorkspaceFile[],
  secrets: readonly SecretValue[],
  cache: LoadCache = new Map(),
  folders: SideFolders = {},
): FilesSide {
  const secretsKey = createHash('sha256').update(JSON.stringify(secrets)).digest('hex')
  const side: FilesSide = {
    collections: new Map(),
    environments: new Map(),
    problems: [],
    blockedDirs: new Set(),
    problemPaths: new Set(),
    unknownCollection: false,
    unknownEnvironment: false,
    present: new Map(files.map((f) => [f.path, f.text])),
    frozen: new Set(),
  }
  for (const top of [COLLECTIONS_DIR, ENVIRONMENTS_DIR] as const) {
    const state = folders.top?.[top] ?? 'folder'
    if (state === 'link') {
      side.frozen.add(top)
      side.problems.push({
        path: `${top}/`,
        message: `${top}/ is a symbolic link (or not a folder): Courier does not read or write it, and deletes nothing.`,
      })
    } else if (state === 'missing' && folders.baseHas?.[top]) {
      side.frozen.add(top)
      side.problems.push({
        path: `${top}/`,
        message: `${top}/ is missing: Courier deletes nothing; delete ${top} in Courier to remove them`,
      })
    }
  }
  const groups = new Map<string, WorkspaceFile[]>()
  const envFiles: WorkspaceFile[] = []
  const tooLarge = new Set<string>()
  for (const file of files) {
    const parts = file.path.split('/')
    if (file.text.length > MAX_FILE_CHARS) {
      // Not read at all: its collection (or environment) is left alone, as with any unreadable file.
      tooLarge.add(file.path)
      if (parts[0] === COLLECTIONS_DIR) side.blockedDirs.add(parts[1]!)
      else side.unknownEnvironment = true
      continue
    }
    if (parts[0] === COLLECTIONS_DIR && parts.length >= 3)
      groups.set(parts[1]!, [...(groups.get(parts[1]!) ?? []), file])
    else if (parts[0] === ENVIRONMENTS_DIR && parts.length === 2) envFiles.push(file)
  }
  const seen = new Set<string>()
  const problem = (path: string, message: string) => {
    side.problems.push({ path, message })
    side.problemPaths.add(path)
  }
  for (const path of tooLarge)
    problem(path, `The file is larger than ${MAX_FILE_CHARS / 1024 / 1024} MB of text; Courier does not read it.`)
  for (const dir of [...groups.keys()].sort()) {
    const group = groups.get(dir)!
    const hash = createHash('sha256').update(secretsKey)
    for (const f of group) hash.update(`${f.path}\0${f.text}\0`)
    const key = hash.digest('hex')
    let kept = cache.get(dir)
    if (kept?.key !== key) {
      const loaded = loadWorkspaceFiles(group, { secrets })
      const first = loaded.collections[0]
      kept = { key, loaded, rendered: first ? renderCollection(first, dir) : null }
      cache.set(dir, kept)
    }
    const loaded = structuredClone(kept.loaded)
    for (const p of loaded.problems) problem(p.path, p.message)
    const tree = loaded.collections[0]
    const top = `${COLLECTIONS_DIR}/${dir}/${COLLECTION_FILE}`
    if (!tree) {
      side.unknownCollection = true
      side.blockedDirs.add(dir)
      continue
    }
    const taken = idsOf(tree).find((id) => seen.has(id))
    if (taken) {
      problem(top, `Another collection's files already have the id ${taken}; this collection was not loaded.`)
      side.unknownCollection = true
      side.blockedDirs.add(dir)
      continue
    }
    for (const id of idsOf(tree)) seen.add(id)
    const blocked = loaded.problems.length > 0 || side.blockedDirs.has(dir)
    if (blocked) side.blockedDirs.add(dir)
    const paths = new Set(group.map((f) => f.path).filter((p) => !side.problemPaths.has(p)))
    const rendered = kept.rendered!
    side.collections.set(tree.id, { tree, dir, paths, fingerprint: rendered.fingerprint, rendered, blocked })
  }
  for (const dir of cache.keys()) if (!groups.has(dir)) cache.delete(dir)
  for (const file of envFiles) {
    const loaded = loadWorkspaceFiles([file], { secrets })
    const env = loaded.environments[0]
    if (!env || seen.has(env.id)) {
      if (env) problem(file.path, `Another file already has the id ${env.id}; this one was not loaded.`)
      for (const p of loaded.problems) problem(p.path, p.message)
      side.unknownEnvironment = true
      continue
    }
    seen.add(env.id)
    const name = file.path.slice(ENVIRONMENTS_DIR.length + 1, -'.yaml'.length)
    side.environments.set(env.id, { env, path: file.path, fingerprint: renderEnvironment(env, name).fingerprint })
  }
  return side
}
