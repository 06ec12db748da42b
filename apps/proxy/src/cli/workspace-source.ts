import { existsSync, statSync } from 'node:fs'
import { readFile, readdir } from 'node:fs/promises'
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { GLOBALS_ID, type CollectionTree, type Variable } from '@courier/shared'
import {
  COLLECTIONS_DIR,
  COLLECTION_FILE,
  ENVIRONMENTS_DIR,
  FOLDER_FILE,
  loadWorkspaceFiles,
  type FileProblem,
  type WorkspaceFile,
} from '@courier/shared/workspace-files'
import { parse as parseYaml } from 'yaml'
import { badCollection } from './exit-codes.js'
import { readPostmanVariables } from './postman-variables.js'

/** What `courier run DIR` runs: one collection of a workspace kept as files, maybe one folder of it. */
export type WorkspaceSource = {
  /** The folder that holds `collections/`. */
  root: string
  tree: CollectionTree
  /** A folder's id in `tree` when DIR is a folder inside the collection. */
  folderId?: string
  environment?: { name: string; variables: Variable[] }
  /** The workspace's globals (`environments/globals.yaml`, as Courier's sync writes them), when there. */
  globals?: { name: string; variables: Variable[] }
}

const isDir = (path: string) => {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}

/**
 * A COLLECTION argument that is a directory in or above which a workspace's collections/ is (the
 * workspace, a collection's folder or a folder inside one), or that is written as a path
 * (`./shop`, `repo/shop`): a bare word naming some other folder here stays a saved collection's name.
 */
export function isWorkspaceDir(argument: string): boolean {
  const path = /[\\/]/.test(argument)
  // A mistyped folder inside a workspace is said to be missing, not looked up as a saved collection.
  if (!existsSync(argument)) return path && findRoot(dirname(resolve(argument))) !== undefined
  if (!isDir(argument)) return false
  return path || argument === '.' || argument === '..' || findRoot(resolve(argument)) !== undefined
}

/**
 * The workspace root: the nearest folder, from `start` up, that holds `collections/` and is not
 * itself a collection's or a folder's own folder (a request folder may be named "collections").
 */
function findRoot(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    if (
      isDir(join(dir, COLLECTIONS_DIR)) &&
      !existsSync(join(dir, COLLECTION_FILE)) &&
      !existsSync(join(dir, FOLDER_FILE))
    )
      return dir
    if (dirname(dir) === dir) return undefined
  }
}

/** Every `.yaml` file under `dir` (paths from `root`, with `/`); symbolic links and dot folders are skipped. */
async function yamlFiles(root: string, dir: string): Promise<WorkspaceFile[]> {
  const files: WorkspaceFile[] = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) files.push(...(await yamlFiles(root, path)))
    else if (entry.isFile() && entry.name.endsWith('.yaml'))
      files.push({ path: relative(root, path).split(sep).join('/'), text: await readFile(path, 'utf8') })
  }
  return files
}

/** How a path is shown: as the person would type it from here. */
function shown(root: string, path: string): string {
  const absolute = join(root, path)
  const fromHere = relative(process.cwd(), absolute)
  return fromHere && !fromHere.startsWith('..') && !isAbsolute(fromHere) ? fromHere : absolute
}

function problemsExit(root: string, problems: readonly FileProblem[]) {
  const lines = problems.map((p) => `  ${shown(root, p.path)}: ${p.message}`)
  const count = problems.length === 1 ? 'a file it cannot read' : `${problems.length} files it cannot read`
  return badCollection(`The workspace ${root} has ${count}; nothing was run:\n${lines.join('\n')}`)
}

async function collectionDirs(root: string): Promise<string[]> {
  const entries = await readdir(join(root, COLLECTIONS_DIR), { withFileTypes: true })
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort()
}

/** Which collection folder (and folder inside it) the argument names, from the workspace root. */
async function target(argument: string, root: string, start: string): Promise<{ slug: string; folder?: string }> {
  const parts = relative(root, start).split(sep).filter(Boolean)
  if (parts.length === 0 || (parts.length === 1 && parts[0] === COLLECTIONS_DIR)) {
    const dirs = await collectionDirs(root)
    if (dirs.length === 1) return { slug: dirs[0]! }
    if (dirs.length === 0)
      throw badCollection(`The workspace ${root} holds no collection (${COLLECTIONS_DIR}/ is empty).`)
    throw badCollection(
      `The workspace ${root} holds ${dirs.length} collections; name the one to run: ${dirs
        .map((d) => shown(root, `${COLLECTIONS_DIR}/${d}`))
        .join(', ')}.`,
    )
  }
  if (parts[0] !== COLLECTIONS_DIR)
    throw badCollection(
      `${argument} is not a collection's folder: name the workspace, or a folder under ${shown(root, COLLECTIONS_DIR)}/.`,
    )
  const [, slug, ...rest] = parts
  if (rest.length === 0) return { slug: slug! }
  const folder = [COLLECTIONS_DIR, slug, ...rest].join('/')
  if (!existsSync(join(root, folder, FOLDER_FILE)))
    throw badCollection(`${argument} is not a folder of the collection: it has no ${FOLDER_FILE}.`)
  return { slug: slug!, folder }
}

/** The workspace's globals file, as Courier keeps them: a run resolves `{{name}}` from it as Courier does. */
async function globalsOf(root: string): Promise<WorkspaceSource['globals']> {
  const path = `${ENVIRONMENTS_DIR}/${GLOBALS_ID}.yaml`
  const full = join(root, path)
  if (!existsSync(full)) return undefined
  const loaded = loadWorkspaceFiles([{ path, text: await readFile(full, 'utf8') }])
  if (loaded.problems.length) throw problemsExit(root, loaded.problems)
  const env = loaded.environments[0]
  return env ? { name: env.name, variables: env.variables } : undefined
}

/** `-e NAME|FILE` for a workspace run: an environment of its environments/ folder by name or file, or a file. */
async function environmentOf(root: string, wanted: string): Promise<WorkspaceSource['environment']> {
  const outside = resolve(wanted)
  if (/\.json$/i.test(wanted) && existsSync(outside)) return readPostmanVariables(outside, 'environment')
  const envDir = join(root, ENVIRONMENTS_DIR)
  const names = isDir(envDir)
    ? (await readdir(envDir, { withFileTypes: true })).filter((e) => e.isFile() && e.name.endsWith('.yaml'))
    : []
  const candidates: { path: string; text: string }[] = []
  for (const entry of names)
    candidates.push({
      path: `${ENVIRONMENTS_DIR}/${entry.name}`,
      text: await readFile(join(envDir, entry.name), 'utf8'),
    })
  // A file given by its path, inside the workspace or not, is read as an environment file.
  if (/\.ya?ml$/i.test(wanted) && existsSync(outside) && !isDir(outside)) {
    const inside = candidates.find((c) => resolve(root, c.path) === outside)
    // The loader reads `environments/<name>.yaml`: a file from elsewhere is handed to it under such a name.
    const file = inside ?? {
      path: `${ENVIRONMENTS_DIR}/${basename(outside).replace(/\.yml$/i, '.yaml')}`,
      text: await readFile(outside, 'utf8'),
    }
    const loaded = loadWorkspaceFiles([file])
    if (loaded.problems.length)
      throw problemsExit(
        inside ? root : dirname(outside),
        inside ? loaded.problems : loaded.problems.map((p) => ({ ...p, path: basename(outside) })),
      )
    if (!loaded.environments[0]) throw badCollection(`The environment file ${wanted} holds no environment.`)
    return loaded.environments[0]
  }
  // Each file on its own: an unreadable environment the run does not use does not stop it.
  const each = candidates.map((file) => ({ file, loaded: loadWorkspaceFiles([file]) }))
  const slug = wanted.replace(/\.ya?ml$/i, '')
  const byFile = each.find((e) => basename(e.file.path, '.yaml') === slug)
  const lower = wanted.toLowerCase()
  const readable = each.filter((e) => e.loaded.problems.length === 0 && e.loaded.environments[0])
  const byName = readable
    .map((e) => e.loaded.environments[0]!)
    .filter((env) => env.id !== GLOBALS_ID && env.name.toLowerCase() === lower)
  if (byName.length === 1) return byName[0]!
  if (byName.length === 0 && byFile) {
    if (byFile.loaded.problems.length) throw problemsExit(root, byFile.loaded.problems)
    return byFile.loaded.environments[0]!
  }
  const unreadable = each.flatMap((e) => e.loaded.problems)
  if (byName.length === 0 && unreadable.length) throw problemsExit(root, unreadable)
  const loaded = { environments: readable.map((e) => e.loaded.environments[0]!) }
  const list = loaded.environments.map((e) => `“${e.name}”`).join(', ')
  throw badCollection(
    byName.length > 1
      ? `More than one environment of ${shown(root, ENVIRONMENTS_DIR)}/ is named “${wanted}”; give its file instead.`
      : `No environment named “${wanted}” in ${shown(root, ENVIRONMENTS_DIR)}/${list ? `; it has ${list}` : ' (none there)'}.`,
  )
}

/**
 * Reads the collection `argument` names from the workspace files (the root when it holds one
 * collection, a collection's folder, or a folder inside it: that folder only), and `-e`'s
 * environment. A file the loader cannot read stops the run with exit 3, a line per file. Secret
 * values are not in files: they load empty, for --env-var to give (the process environment is not read).
 */
export async function loadWorkspaceSource(argument: string, environment?: string): Promise<WorkspaceSource> {
  const start = resolve(argument)
  const root = findRoot(start)
  if (!root)
    throw badCollection(
      `${argument} is a folder but not a workspace kept as files: neither it nor a folder above it holds ${COLLECTIONS_DIR}/.`,
    )
  if (!isDir(start)) throw badCollection(`${argument} does not exist (in the workspace ${root}).`)
  const { slug, folder } = await target(argument, root, start)
  const files = await yamlFiles(root, join(root, COLLECTIONS_DIR, slug))
  const loaded = loadWorkspaceFiles(files)
  if (loaded.problems.length) throw problemsExit(root, loaded.problems)
  const tree = loaded.collections[0]
  if (!tree) throw badCollection(`${shown(root, `${COLLECTIONS_DIR}/${slug}`)} has no ${COLLECTION_FILE}.`)
  let folderId: string | undefined
  if (folder) {
    const text = files.find((f) => f.path === `${folder}/${FOLDER_FILE}`)!.text
    folderId = String((parseYaml(text) as { id: unknown }).id)
  }
  const globals = await globalsOf(root)
  return {
    root,
    tree,
    ...(folderId ? { folderId } : {}),
    ...(globals ? { globals } : {}),
    ...(environment !== undefined ? { environment: await environmentOf(root, environment) } : {}),
  }
}

/** The names of the secret variables of the collection, its folders and the environment. */
export function secretNames(source: WorkspaceSource): Set<string> {
  const lists = [
    source.tree.variables,
    ...source.tree.items.flatMap((i) => (i.kind === 'folder' ? [i.variables] : [])),
    source.environment?.variables ?? [],
  ]
  return new Set(lists.flatMap((list) => list.filter((v) => v.secret).map((v) => v.name)))
}

/** Secret variables the files leave empty and --env-var does not give: said before the run, by name. */
export function missingSecrets(source: WorkspaceSource, given: readonly [string, string][]): string[] {
  const names = new Set(given.map(([name]) => name))
  const owners: { what: string; variables: readonly Variable[] }[] = [
    { what: `collection “${source.tree.name}”`, variables: source.tree.variables },
    ...source.tree.items.flatMap((i) =>
      i.kind === 'folder' ? [{ what: `folder “${i.name}”`, variables: i.variables }] : [],
    ),
    ...(source.environment
      ? [{ what: `environment “${source.environment.name}”`, variables: source.environment.variables }]
      : []),
  ]
  return owners.flatMap(({ what, variables }) =>
    variables
      .filter((v) => v.secret && v.enabled && v.value === '' && !names.has(v.name))
      .map((v) => `The secret ${v.name} of the ${what} has no value in the files; give it with --env-var ${v.name}=….`),
  )
}
