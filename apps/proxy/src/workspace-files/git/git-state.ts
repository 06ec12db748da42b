import { readFile } from 'node:fs/promises'
import { join, posix } from 'node:path'
import type { GitChange, GitState } from '@courier/shared'
import {
  COLLECTIONS_DIR,
  ENVIRONMENTS_DIR,
  describeRequestChange,
  type WorkspaceFile,
} from '@courier/shared/workspace-files'
import { describeContainerChange, describeEnvironmentChange } from './describe-container.js'
import { identityOf, kindOfPath, parseCourierFile, type FileKind, type RequestFile } from './file-kind.js'
import { headTexts } from './head-texts.js'
import { parsePorcelainV2, type StatusEntry } from './porcelain.js'
import { gitAvailable, gitFailed, runGitRaw } from './run-git.js'

/** Where `dir` sits in its repository: the prefix of its paths from the top (`''` or `sub/`), or null outside one. */
export async function repositoryPrefix(dir: string): Promise<string | null> {
  const args = ['rev-parse', '--is-inside-work-tree', '--show-prefix']
  const run = await runGitRaw(dir, args)
  // A repository git refuses to read (another user's: safe.directory) is not "no repository".
  if (run.code !== 0 && /dubious ownership/.test(run.stderr)) throw gitFailed(args, run)
  if (run.code !== 0) return null
  const [inside, prefix] = run.stdout.toString('utf8').split('\n')
  return inside === 'true' ? (prefix ?? '') : null
}

const NOT_A_REPOSITORY: GitState = { repository: false, branch: null, upstream: null, ahead: 0, behind: 0, changes: [] }

const CONFLICT_WORDS: Record<string, string> = {
  UU: 'merge conflict: changed on both sides',
  AA: 'merge conflict: added on both sides',
  DD: 'merge conflict: deleted on both sides',
  AU: 'merge conflict: added by us',
  UA: 'merge conflict: added by them',
  DU: 'merge conflict: deleted by us, changed by them',
  UD: 'merge conflict: changed by us, deleted by them',
}

type Pending = { path: string; status: GitChange['status']; kind: FileKind; orig?: string; xy?: string }

/** A status entry as a change against HEAD (`X` is the index's, `Y` the work tree's), or null when none is left. */
function pendingOf(entry: StatusEntry, rel: (top: string) => string): Pending | null {
  const path = rel(entry.path)
  const kind = kindOfPath(path)
  if (entry.type === 'untracked') return { path, kind, status: 'untracked' }
  if (entry.type === 'unmerged') return { path, kind, status: 'conflicted', xy: entry.xy }
  const [x, y] = [entry.xy[0], entry.xy[1]]
  if (entry.type === 'renamed') {
    if (y === 'D') return { path: rel(entry.orig), kind: kindOfPath(rel(entry.orig)), status: 'deleted' }
    return x === 'C' ? { path, kind, status: 'added' } : { path, kind, status: 'renamed', orig: rel(entry.orig) }
  }
  if (x === 'A') return y === 'D' ? null : { path, kind, status: 'added' }
  if (x === 'D' || y === 'D') return { path, kind, status: 'deleted' }
  return { path, kind, status: 'modified' }
}

const strip = ({ courier: _c, id: _i, name: _n, ...spec }: RequestFile) => spec

/** What changed between HEAD's text and the current one, in words. */
export function describeFileChange(kind: FileKind, before: string | undefined, after: string | undefined): string[] {
  if (after === undefined) return ['changed']
  const now = parseCourierFile(kind, after)
  if (!now.ok) return kind === 'other' ? ['changed'] : [`cannot be read: ${now.message}`]
  const was = before === undefined ? null : parseCourierFile(kind, before)
  if (!was?.ok) return ['changed']
  let words: string[]
  if (was.kind === 'request' && now.kind === 'request') {
    words = was.data.name !== now.data.name ? [`renamed to ${now.data.name}`] : []
    words.push(...describeRequestChange(strip(was.data), strip(now.data)))
  } else if (was.kind === 'environment' && now.kind === 'environment')
    words = describeEnvironmentChange(was.data, now.data)
  else if ((was.kind === 'collection' || was.kind === 'folder') && (now.kind === 'collection' || now.kind === 'folder'))
    words = describeContainerChange(was.data, now.data)
  else words = ['changed']
  return words.length > 0 ? words : ['only the layout of the file changed']
}

/**
 * The workspace folder's git state: branch, upstream, ahead/behind and every file under collections/
 * and environments/ that differs from HEAD, with its name, id and what changed in words. null when the
 * system has no git; `repository: false` when `dir` is not inside a work tree. `files` are the folder's
 * current files (paths relative to `dir`); a changed file they lack is read from the disk.
 */
export async function gitState(dir: string, files: readonly WorkspaceFile[]): Promise<GitState | null> {
  if (!(await gitAvailable())) return null
  const prefix = await repositoryPrefix(dir)
  if (prefix === null) return NOT_A_REPOSITORY
  // Status is read whenever the Git view asks, not on a person's command: no fsmonitor hook runs for it.
  const args = [
    '-c',
    'core.fsmonitor=false',
    'status',
    '--porcelain=v2',
    '--branch',
    '-z',
    '--untracked-files=all',
    '--',
    COLLECTIONS_DIR,
    ENVIRONMENTS_DIR,
  ]
  const run = await runGitRaw(dir, args, { noOptionalLocks: true })
  if (run.code !== 0) throw gitFailed(args, run)
  const status = parsePorcelainV2(run.stdout.toString('utf8'))
  const rel = (top: string) => posix.relative(prefix, top)
  const pending = status.entries.map((e) => pendingOf(e, rel)).filter((p): p is Pending => p !== null)

  const current = new Map(files.map((f) => [f.path, f.text]))
  const currentText = async (path: string) =>
    current.has(path) ? current.get(path) : await readFile(join(dir, path), 'utf8').catch(() => undefined)
  // Only Courier's own files are read (small YAML); another file under its folders is just "changed".
  const headPaths = pending
    .filter((p) => p.kind !== 'other' && p.status !== 'added' && p.status !== 'untracked')
    .map((p) => posix.join(prefix, p.orig ?? p.path))
  const head = await headTexts(dir, headPaths)
  const headText = (path: string) => head.get(posix.join(prefix, path))

  const changes: GitChange[] = []
  const deletedById = new Map<string, { change: GitChange; before: string | undefined }>()
  const created: { change: GitChange; text: string | undefined }[] = []
  for (const p of pending) {
    const after = p.status === 'deleted' || p.kind === 'other' ? undefined : await currentText(p.path)
    const before = p.status === 'added' || p.status === 'untracked' ? undefined : headText(p.orig ?? p.path)
    const who = identityOf(p.kind, after) ?? identityOf(p.kind, before)
    const change: GitChange = {
      path: p.path,
      status: p.status,
      kind: p.kind,
      name: who?.name ?? null,
      itemId: who?.id ?? null,
      words: [],
    }
    if (p.status === 'added' || p.status === 'untracked') {
      change.words = ['added']
      created.push({ change, text: after })
    } else if (p.status === 'deleted') {
      change.words = ['deleted']
      if (who) deletedById.set(`${p.kind} ${who.id}`, { change, before })
    } else if (p.status === 'renamed') change.words = [`renamed from ${p.orig}`, ...renameWords(p.kind, before, after)]
    else if (p.status === 'conflicted') change.words = [CONFLICT_WORDS[p.xy ?? ''] ?? 'merge conflict']
    else change.words = describeFileChange(p.kind, before, after)
    changes.push(change)
  }

  // Courier renames a file by writing the new one and removing the old: git sees a delete and a new
  // file, the ids inside say it is one item moved.
  const merged = new Set<GitChange>()
  for (const { change, text } of created) {
    const gone = change.itemId ? deletedById.get(`${change.kind} ${change.itemId}`) : undefined
    if (!gone || merged.has(gone.change)) continue
    merged.add(gone.change)
    change.status = 'renamed'
    change.words = [`renamed from ${gone.change.path}`, ...renameWords(change.kind, gone.before, text)]
  }
  return {
    repository: true,
    branch: status.head,
    upstream: status.upstream,
    ahead: status.ahead,
    behind: status.behind,
    changes: changes.filter((c) => !merged.has(c)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
  }
}

function renameWords(kind: FileKind, before: string | undefined, after: string | undefined): string[] {
  const words = describeFileChange(kind, before, after)
  return words.length === 1 && words[0] === 'only the layout of the file changed' ? [] : words
}
