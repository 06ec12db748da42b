import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { COLLECTIONS_DIR, ENVIRONMENTS_DIR } from '@courier/shared/workspace-files'
import { CourierError } from '../../errors.js'
import { repositoryPrefix } from './git-state.js'
import { gitFailed, printed, runGit, runGitRaw, trimmedStderr } from './run-git.js'

const COURIER_DIRS = [COLLECTIONS_DIR, ENVIRONMENTS_DIR] as const

async function requireRepository(dir: string): Promise<void> {
  if ((await repositoryPrefix(dir)) === null)
    throw new CourierError('GIT_FAILED', `The folder ${dir} is not in a git repository: initialise one first.`)
}

/** `git init -b main` in `dir`; refused when `dir` already is (inside) a repository. */
export async function gitInit(dir: string): Promise<string> {
  const prefix = await repositoryPrefix(dir)
  if (prefix !== null) {
    const top = (await runGit(dir, ['rev-parse', '--show-toplevel'])).trim()
    throw new CourierError('GIT_FAILED', `The folder is already in a git repository (${top}): nothing to initialise.`)
  }
  const args = ['init', '-b', 'main']
  const run = await runGitRaw(dir, args)
  if (run.code !== 0) throw gitFailed(args, run)
  return printed(run)
}

/** Courier's folders that git can be given as pathspecs: present on the disk, or tracked (all deleted). */
async function courierPathspecs(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const name of COURIER_DIRS) {
    if (existsSync(join(dir, name))) out.push(name)
    else if ((await runGit(dir, ['ls-files', '-z', '--', name])).length > 0) out.push(name)
  }
  return out
}

/** Of `paths`, those holding a file in the index or in HEAD. */
async function knownToGit(dir: string, paths: readonly string[]): Promise<string[]> {
  const hasHead = (await runGitRaw(dir, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'])).code === 0
  const out: string[] = []
  for (const name of paths) {
    if ((await runGit(dir, ['ls-files', '-z', '--', name])).length > 0) out.push(name)
    else if (hasHead && (await runGit(dir, ['ls-tree', '-r', '-z', '--name-only', 'HEAD', '--', name])).length > 0)
      out.push(name)
  }
  return out
}

const IDENTITY_HELP =
  'git does not know who you are, so it cannot commit. Set your name and email once with `git config --global user.name "Your Name"` and `git config --global user.email you@example.com` (or without --global for this repository only), then commit again.'

/** Stops before staging anything when commits would be refused for want of a name or an email. */
async function requireIdentity(dir: string): Promise<void> {
  for (const ident of ['GIT_AUTHOR_IDENT', 'GIT_COMMITTER_IDENT']) {
    const run = await runGitRaw(dir, ['var', ident])
    if (run.code !== 0) throw new CourierError('GIT_FAILED', IDENTITY_HELP, { details: { git: run.stderr.trim() } })
  }
}

/** Staging a file that still has conflict markers would mark it resolved: refused, with the files named. */
async function requireResolved(dir: string, paths: readonly string[]): Promise<void> {
  if (paths.length === 0) return
  const listed = await runGit(dir, ['ls-files', '-u', '-z', '--', ...paths])
  const unmerged = [
    ...new Set(
      listed
        .split('\0')
        .filter(Boolean)
        .map((l) => l.slice(l.indexOf('\t') + 1)),
    ),
  ]
  const marked: string[] = []
  for (const path of unmerged) {
    const text = await readFile(join(dir, path), 'utf8').catch(() => '')
    if (/^<{7}( |$)/m.test(text) && /^>{7}( |$)/m.test(text)) marked.push(path)
  }
  if (marked.length > 0)
    throw new CourierError(
      'GIT_FAILED',
      `These files still have conflict markers (<<<<<<< … >>>>>>>): ${marked.join(', ')}. Edit them to keep what is right, then commit.`,
    )
}

/**
 * Stages only collections/ and environments/ (`git add -A -- …`) and commits only them (other staged
 * files stay staged, unrelated changes unstaged). The message goes on standard input (`--file=-`), so a
 * message starting with "-" is still a message.
 */
export async function gitCommit(dir: string, message: string): Promise<string> {
  await requireRepository(dir)
  await requireIdentity(dir)
  const nothing = () => new CourierError('GIT_FAILED', 'Nothing to commit: the files are as the last commit has them.')
  const paths = await courierPathspecs(dir)
  // Concluding a merge (after a pull's conflicts) commits the whole merge: git refuses a partial one.
  const merging = (await runGitRaw(dir, ['rev-parse', '-q', '--verify', 'MERGE_HEAD'])).code === 0
  if (paths.length === 0 && !merging) throw nothing()
  if (merging) await requireResolved(dir, paths)
  if (paths.length > 0) await runGit(dir, ['add', '-A', '--', ...paths])
  // A commit's pathspec must match something git knows (an empty environments/ folder does not).
  const known = await knownToGit(dir, paths)
  if (!merging) {
    if (known.length === 0) throw nothing()
    const staged = await runGitRaw(dir, ['diff', '--cached', '--quiet', '--', ...known])
    if (staged.code === 0) throw nothing()
    if (staged.code !== 1) throw gitFailed(['diff'], staged)
  }
  const args = ['commit', '--file=-', '--cleanup=whitespace', ...(merging ? [] : ['--', ...known])]
  const run = await runGitRaw(dir, args, { input: message })
  if (run.code !== 0) throw gitFailed(args, run)
  return printed(run)
}

async function currentBranch(dir: string): Promise<string> {
  const run = await runGitRaw(dir, ['symbolic-ref', '--short', '-q', 'HEAD'])
  const branch = run.stdout.toString('utf8').trim()
  if (run.code !== 0 || !branch)
    throw new CourierError('GIT_FAILED', 'HEAD is detached (no branch is checked out): check out a branch first.')
  return branch
}

/** The branch's configured upstream (origin/main), even before its remote-tracking ref was fetched. */
async function upstreamOf(dir: string, branch: string): Promise<string | null> {
  const out = await runGit(dir, ['for-each-ref', '--format=%(upstream:short)', '--', `refs/heads/${branch}`])
  return out.trim() || null
}

async function hasRemote(dir: string, name: string): Promise<boolean> {
  return (await runGit(dir, ['remote'])).split('\n').some((r) => r.trim() === name)
}

/**
 * `git pull --no-rebase --no-edit`: a merge, never a rebase, whatever pull.rebase says. Conflicts are
 * not a failure here: git's output is answered and the files keep their markers (the sync shows them as
 * unreadable, the status as conflicted) until the person resolves and commits.
 */
export async function gitPull(dir: string): Promise<string> {
  await requireRepository(dir)
  const branch = await currentBranch(dir)
  if (!(await upstreamOf(dir, branch)))
    throw new CourierError(
      'GIT_FAILED',
      `This branch has no upstream: push it first (Push sets origin/${branch} as its upstream), or set one with \`git branch --set-upstream-to=origin/${branch}\`.`,
    )
  const args = ['pull', '--no-rebase', '--no-edit']
  const run = await runGitRaw(dir, args)
  if (run.code === 0) return printed(run)
  const text = printed(run)
  if (/^CONFLICT /m.test(text) || /Automatic merge failed/.test(text))
    return `${text}\nThe pull left conflicts: edit the conflicted files (between the <<<<<<< and >>>>>>> lines), then commit.`
  if (/would be overwritten by merge/.test(text))
    throw new CourierError(
      'GIT_FAILED',
      `Commit your changes first: the pull would overwrite files you changed. git said: ${trimmedStderr(run.stderr)}`,
    )
  throw gitFailed(args, run)
}

/** `git push`; without an upstream, `git push -u origin BRANCH` when a remote named origin exists. */
export async function gitPush(dir: string): Promise<string> {
  await requireRepository(dir)
  const branch = await currentBranch(dir)
  const upstream = await upstreamOf(dir, branch)
  let args: string[]
  if (upstream) args = ['push']
  else if (await hasRemote(dir, 'origin')) args = ['push', '--set-upstream', 'origin', `refs/heads/${branch}`]
  else
    throw new CourierError(
      'GIT_FAILED',
      `This branch has no upstream and the repository has no remote named origin: add one with \`git remote add origin URL\`, then push.`,
    )
  const run = await runGitRaw(dir, args)
  if (run.code !== 0) throw gitFailed(args, run)
  return printed(run)
}
