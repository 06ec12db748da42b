import { GLOBALS_ID, type Environment } from '@courier/shared'
import {
  secretsOfCollection,
  secretsOfEnvironment,
  slugify,
  uniqueSlugs,
  type FileProblem,
  type WorkspaceFile,
} from '@courier/shared/workspace-files'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Store, WorkspaceData } from '../storage/store.js'
import { applyCollections, applyEnvironments } from './apply-to-db.js'
import { moveTo, renderCollection, renderEnvironment, type FingerprintCache } from './fingerprint.js'
import { mergeTrees, printsOf } from './item-merge.js'
import { readWorkspaceFolder, removeFile, topFolders, writeAtomically } from './folder-io.js'
import { keptSecrets } from './kept-secrets.js'
import { envPrintsOf, mergeEnvironments } from './env-merge.js'
import { loadFilesSide, type FilesCollection, type FilesEnvironment, type LoadCache } from './load-side.js'
import type { SyncBase } from './sync-state.js'

export type Reconciled = {
  base: SyncBase
  problems: FileProblem[]
  changedFiles: boolean
  changedDb: boolean
  /** A file changed while this sync wrote: run again. */
  retry: boolean
}

type Plan = { writes: WorkspaceFile[]; removes: string[] }

type Context = {
  dir: string
  store: Store
  /** The local workspace's stores, publishing every write by the files. */
  data: WorkspaceData
  base: SyncBase
  /** Both sides changed one thing since they last agreed: the files won. */
  onBothChanged: (what: string) => void
  /** The files deleted a thing Courier changed since they last agreed: Courier's was kept and written back. */
  onKeptDeleted: (what: string) => void
  onError: (error: unknown) => void
  /** How long the folder must stay the same before what its files deleted is deleted in Courier. */
  settleMs: number
  /** Kept from one sync to the next: what is unchanged is not read or rendered again. */
  cache: { loads: LoadCache; prints: FingerprintCache; reported: Set<string> }
}

const GLOBALS = 'globals'

/**
 * One three-way sync of the folder and the database against their last agreed `base`, per collection
 * and environment: the side that changed wins; both changed, the files win (a collection is merged per
 * request first); deleted in the files and changed in Courier, Courier's is kept; a thing with an
 * unreadable file is left alone on both sides.
 */
export async function reconcile(ctx: Context): Promise<Reconciled> {
  const { dir, store, data, base } = ctx
  const top = await topFolders(dir)
  const files = await readWorkspaceFolder(dir)
  let dbTrees = await store.collections.list()
  let dbEnvs = await store.environments.list()
  const secrets = [...dbTrees.flatMap(secretsOfCollection), ...dbEnvs.flatMap(secretsOfEnvironment)]
  const folders = {
    top,
    baseHas: {
      collections: Object.keys(base.collections).length > 0,
      environments: Object.keys(base.environments).length > 0,
    },
  }
  let side = loadFilesSide(files, secrets, ctx.cache.loads, folders)
  // Brought back by the files and gone from the database: their secrets are those of their latest kept version.
  const kept = await keptSecrets(data.versions, side, dbTrees, dbEnvs)
  if (kept.length > 0) side = loadFilesSide(files, [...secrets, ...kept], ctx.cache.loads, folders)
  const next: SyncBase = { dir, syncedAt: new Date().toISOString(), collections: {}, environments: {} }

  // Collections: decide, apply what the files changed, then write what the database changed.
  const dbById = new Map(dbTrees.map((t) => [t.id, t]))
  const dbPrint = new Map(dbTrees.map((t) => [t.id, ctx.cache.prints.of(t)]))
  ctx.cache.prints.keep(new Set(dbById.keys()))
  const toDb: FilesCollection[] = []
  const deleteDb: string[] = []
  const toFiles: string[] = []
  const deleteFiles: FilesCollection[] = []
  /** Deleted in the files and changed in Courier since, so written again: told once the files are written. */
  const keptDeleted = new Map<string, string>()
  const ids = new Set([...side.collections.keys(), ...dbById.keys(), ...Object.keys(base.collections)])
  for (const id of ids) {
    const f = side.collections.get(id)
    const d = dbById.get(id)
    const b = base.collections[id]
    const agree = (fingerprint: string, at: string) =>
      (next.collections[id] = { fingerprint, dir: at, items: printsOf(f!.tree) })
    if (f?.blocked || (!f && b && side.blockedDirs.has(b.dir))) {
      if (b) next.collections[id] = b
      continue
    }
    if (f && d) {
      if (f.fingerprint === dbPrint.get(id)) agree(f.fingerprint, f.dir)
      else if (b && b.fingerprint === f.fingerprint) toFiles.push(id)
      else if (b?.items && b.fingerprint !== dbPrint.get(id)) {
        // Both changed: merged per item, the merge goes to the database and then to the files.
        const merged = mergeTrees(b.items, f.tree, d, ctx.onBothChanged)
        const print = renderCollection(merged, 'x').fingerprint
        if (print === f.fingerprint) {
          toDb.push(f) // the files hold the merge already: left as they are
          agree(f.fingerprint, f.dir)
        } else {
          toDb.push({ ...f, tree: merged, fingerprint: print })
          toFiles.push(id)
        }
      } else {
        if (b && b.fingerprint !== dbPrint.get(id)) ctx.onBothChanged(`collection "${f.tree.name}"`)
        toDb.push(f)
        agree(f.fingerprint, f.dir)
      }
    } else if (f) {
      if (b && b.fingerprint === f.fingerprint) deleteFiles.push(f)
      else {
        if (b) ctx.onBothChanged(`collection "${f.tree.name}" (deleted in Courier)`)
        toDb.push(f)
        agree(f.fingerprint, f.dir)
      }
    } else if (d) {
      if (!b) toFiles.push(id)
      else if (side.unknownCollection)
        next.collections[id] = b // it may be the folder whose collection.yaml is unreadable
      else if (b.fingerprint !== dbPrint.get(id)) {
        // Deleted in the files, changed in Courier since: Courier's work is kept, as a request's is.
        keptDeleted.set(`collection ${id}`, `collection "${d.name}"`)
        toFiles.push(id)
      } else deleteDb.push(id)
    }
  }

  // collections/ missing (or a link): nothing is deleted, written or read; the base keeps what Courier still holds.
  if (side.frozen.has('collections')) {
    for (const list of [toDb, deleteDb, toFiles, deleteFiles]) list.length = 0
    next.collections = Object.fromEntries(Object.entries(base.collections).filter(([id]) => dbById.has(id)))
  }

  // Environments, the same way (the globals cannot be deleted: their file is written again).
  const dbEnvById = new Map(dbEnvs.map((e) => [e.id, e]))
  const envPrint = new Map(dbEnvs.map((e) => [e.id, renderEnvironment(e, 'x').fingerprint]))
  const envToDb: FilesEnvironment[] = []
  const envDeleteDb: string[] = []
  const envToFiles: string[] = []
  const envDeleteFiles: FilesEnvironment[] = []
  const envIds = new Set([...side.environments.keys(), ...dbEnvById.keys(), ...Object.keys(base.environments)])
  for (const id of envIds) {
    const f = side.environments.get(id)
    const d = dbEnvById.get(id)
    const b = base.environments[id]
    const agree = (fingerprint: string, path: string, env: Environment) =>
      (next.environments[id] = { fingerprint, path, variables: envPrintsOf(env) ?? undefined })
    if (!f && b && side.problemPaths.has(b.path)) {
      next.environments[id] = b
      continue
    }
    if (f && d) {
      if (f.fingerprint === envPrint.get(id)) agree(f.fingerprint, f.path, f.env)
      else if (b && b.fingerprint === f.fingerprint) envToFiles.push(id)
      else {
        // Both changed: merged per variable (a base of older code has no prints: the files win).
        const both = b !== undefined && b.fingerprint !== envPrint.get(id)
        const merged = both && b.variables ? mergeEnvironments(b.variables, f.env, d, ctx.onBothChanged) : null
        const print = merged ? renderEnvironment(merged, 'x').fingerprint : f.fingerprint
        if (merged && print !== f.fingerprint) {
          envToDb.push({ ...f, env: merged, fingerprint: print })
          envToFiles.push(id)
        } else {
          if (both && !merged) ctx.onBothChanged(`environment "${f.env.name}"`)
          envToDb.push(f)
          agree(f.fingerprint, f.path, f.env)
        }
      }
    } else if (f) {
      if (b && b.fingerprint === f.fingerprint) envDeleteFiles.push(f)
      else {
        envToDb.push(f)
        agree(f.fingerprint, f.path, f.env)
      }
    } else if (d) {
      if (!b || id === GLOBALS) envToFiles.push(id)
      else if (side.unknownEnvironment) next.environments[id] = b
      else if (b.fingerprint !== envPrint.get(id)) {
        keptDeleted.set(`environment ${id}`, `environment "${d.name}"`)
        envToFiles.push(id)
      } else envDeleteDb.push(id)
    }
  }

  if (side.frozen.has('environments')) {
    for (const list of [envToDb, envDeleteDb, envToFiles, envDeleteFiles]) list.length = 0
    next.environments = Object.fromEntries(Object.entries(base.environments).filter(([id]) => dbEnvById.has(id)))
  }

  // What some file holds, and what a merge keeps (a request edited in Courier whose file was deleted).
  const keep = new Set([...side.collections.values(), ...toDb].flatMap((c) => c.tree.items.map((i) => i.id)))
  // A file gone may be one git is replacing (it deletes, then writes): what the files delete is applied,
  // or written again when Courier changed it, only when the folder reads the same a moment later;
  // otherwise this sync changes nothing and runs again.
  const deletes =
    keptDeleted.size > 0 ||
    deleteDb.length > 0 ||
    envDeleteDb.length > 0 ||
    toDb.some((f) => dbById.get(f.tree.id)?.items.some((i) => !keep.has(i.id)))
  if (deletes && ctx.settleMs > 0) {
    await new Promise((resolve) => setTimeout(resolve, ctx.settleMs))
    const again = await readWorkspaceFolder(dir)
    if (again.length !== files.length || again.some((f, n) => f.path !== files[n]!.path || f.text !== files[n]!.text))
      return { base, problems: side.problems, changedFiles: false, changedDb: false, retry: true }
  }
  const changedDb = toDb.length + deleteDb.length + envToDb.length + envDeleteDb.length > 0
  await applyCollections(
    data,
    toDb.map((c) => c.tree),
    deleteDb,
    keep,
  )
  await applyEnvironments(
    data,
    envToDb.map((e) => e.env),
    envDeleteDb,
  )
  if (changedDb) {
    dbTrees = await store.collections.list()
    dbEnvs = await store.environments.list()
    for (const f of toDb) {
      const tree = dbTrees.find((t) => t.id === f.tree.id)
      if (tree && ctx.cache.prints.of(tree) !== f.fingerprint)
        ctx.onError(new Error(`The collection "${f.tree.name}" read from the files was not saved exactly as read.`))
    }
  }

  let changedFiles = false
  let retry = false
  /**
   * Writes and deletes one thing's files, unless one of them changed since this sync read it (a person
   * saving that moment): then nothing is touched and the sync runs again.
   */
  const carryOut = async (plan: Plan): Promise<boolean> => {
    for (const path of [...plan.writes.map((w) => w.path), ...plan.removes])
      if ((await currentText(dir, path)) !== side.present.get(path)) {
        retry = true
        return false
      }
    if (plan.writes.length + plan.removes.length === 0) return true
    changedFiles = true
    try {
      for (const w of plan.writes) await writeAtomically(dir, w.path, w.text)
      for (const path of plan.removes) await removeFile(dir, path)
      return true
    } catch (error) {
      // One thing's files that cannot be written (a folder linked elsewhere, a full disk) do not stop the others.
      ctx.onError(error)
      return false
    }
  }
  const keepBase = (kind: 'collections' | 'environments', id: string) => {
    if (kind === 'collections' && base.collections[id]) next.collections[id] = base.collections[id]
    if (kind === 'environments' && base.environments[id]) next.environments[id] = base.environments[id]
  }
  // A file in the way is said once, not on every sync (an unreadable one is among the problems already).
  const reportOnce = (message: string) => {
    if (ctx.cache.reported.has(message)) return
    ctx.cache.reported.add(message)
    ctx.onError(new Error(message))
  }
  const ours = (path: string, own: ReadonlySet<string>) => !side.present.has(path) || own.has(path)

  const slugs = uniqueSlugs(dbTrees)
  for (const id of toFiles) {
    const d = dbTrees.find((t) => t.id === id)
    if (!d) continue
    const f = side.collections.get(id)
    const own = f?.paths ?? new Set<string>()
    // Its own folder while its name is the same; else its name's, or that with its id when another's files are there.
    const free = (name: string) =>
      !side.blockedDirs.has(name) &&
      ![...side.present.keys()].some((p) => p.startsWith(`collections/${name}/`) && !own.has(p))
    const named = slugs.get(id)!
    const withId = `${slugify(d.name)}-${slugify(id).slice(0, 12)}`
    const at = f && f.tree.name === d.name ? f.dir : free(named) || !free(withId) ? named : withId
    const rendered = ctx.cache.prints.files(d, at)
    const clash = rendered.files.find((file) => !ours(file.path, own))
    if (clash) {
      if (!side.problemPaths.has(clash.path))
        reportOnce(`Courier did not write "${d.name}": ${clash.path} is a file it did not write for it.`)
      keepBase('collections', id)
      continue
    }
    if (await carryOut(collectionPlan(rendered.files, f, at, side.present))) {
      next.collections[id] = { fingerprint: rendered.fingerprint, dir: at, items: printsOf(d) }
      const what = keptDeleted.get(`collection ${id}`)
      if (what) ctx.onKeptDeleted(what)
    } else keepBase('collections', id)
  }
  for (const f of deleteFiles)
    if (!(await carryOut({ writes: [], removes: [...f.paths] }))) keepBase('collections', f.tree.id)

  // The globals' file is always environments/globals.yaml: no other environment takes that name.
  const envSlugs = uniqueSlugs(
    dbEnvs.filter((e) => e.id !== GLOBALS_ID),
    [GLOBALS],
  ).set(GLOBALS_ID, GLOBALS)
  const globalsPath = `environments/${GLOBALS}.yaml`
  // Another environment in globals.yaml (written so before it was reserved) moves out first, freeing it.
  const squatter = [...side.environments.values()].find((f) => f.path === globalsPath && f.env.id !== GLOBALS_ID)
  if (squatter && !side.frozen.has('environments')) {
    const sorted = [squatter.env.id, ...envToFiles.filter((id) => id !== squatter.env.id)]
    envToFiles.splice(0, envToFiles.length, ...sorted)
  }
  for (const id of envToFiles) {
    const d = dbEnvs.find((e) => e.id === id)
    if (!d) continue
    const f = side.environments.get(id)
    const keepPath = f && f.env.name === d.name && (f.path === globalsPath) === (id === GLOBALS_ID)
    const name = keepPath ? f.path.slice('environments/'.length, -'.yaml'.length) : envSlugs.get(id)!
    const { file, fingerprint } = renderEnvironment(d, name)
    if (!ours(file.path, new Set(f ? [f.path] : []))) {
      if (!side.problemPaths.has(file.path))
        reportOnce(`Courier did not write "${d.name}": ${file.path} is a file it did not write for it.`)
      keepBase('environments', id)
      continue
    }
    const plan: Plan = {
      writes: side.present.get(file.path) === file.text ? [] : [file],
      removes: f && f.path !== file.path ? [f.path] : [],
    }
    if (await carryOut(plan)) {
      next.environments[id] = { fingerprint, path: file.path, variables: envPrintsOf(d) ?? undefined }
      for (const path of plan.removes) side.present.delete(path)
      const what = keptDeleted.get(`environment ${id}`)
      if (what) ctx.onKeptDeleted(what)
    } else keepBase('environments', id)
  }
  for (const f of envDeleteFiles)
    if (!(await carryOut({ writes: [], removes: [f.path] }))) keepBase('environments', f.env.id)

  return { base: next, problems: side.problems, changedFiles, changedDb, retry }
}

/**
 * A collection's files to write, leaving alone every file that already holds what it would write (a
 * person's own formatting of the same thing), and its old files no longer among them, to delete.
 */
function collectionPlan(
  target: readonly WorkspaceFile[],
  f: FilesCollection | undefined,
  at: string,
  present: ReadonlyMap<string, string>,
): Plan {
  // The files now, rendered as Courier would: a path whose rendering is unchanged holds the same thing.
  const asRead = new Map(f ? moveTo(f.rendered, f.dir, at).map((file) => [file.path, file.text]) : [])
  const samePaths =
    f !== undefined && f.dir === at && asRead.size === f.paths.size && [...asRead.keys()].every((p) => f.paths.has(p))
  const wanted = new Set(target.map((file) => file.path))
  const writes = target.filter((file) => {
    const now = present.get(file.path)
    if (now === file.text) return false
    return !(now !== undefined && samePaths && asRead.get(file.path) === file.text)
  })
  return { writes, removes: [...(f?.paths ?? [])].filter((path) => !wanted.has(path)) }
}

/** A file's text now, undefined when there is none. */
async function currentText(dir: string, path: string): Promise<string | undefined> {
  try {
    return await readFile(join(dir, path), 'utf8')
  } catch {
    return undefined
  }
}
