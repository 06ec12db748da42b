import { z } from 'zod'

/**
 * A workspace kept as files in a folder (issue 19): `courier serve --workspace DIR` or a folder
 * chosen in Settings. Courier writes every edit to the files and reads every change to them (an
 * editor, a `git pull`, a branch switch); git status, commit, pull and push run the system's `git`
 * in that folder when the person asks, never on their own. Local mode only.
 */

/** Who a change read from the files is by, in change events and tabs' notes ("Changed in the workspace files"). */
export const FILES_ACTOR = { userId: 'files', name: 'the workspace files' } as const

/** Settings' choice: an absolute path, or null to stop keeping the workspace as files. */
export const WorkspaceFolderInputSchema = z.object({
  dir: z.string().trim().min(1).max(4096).nullable(),
})
export type WorkspaceFolderInput = z.infer<typeof WorkspaceFolderInputSchema>

/** A file Courier cannot read: shown with its error and never overwritten. */
/** A file Courier cannot read, or with `path` '' the workspace folder itself (gone, unmounted). */
export const FileProblemSchema = z.object({ path: z.string(), message: z.string() })

/** The folder's own problem, not a file's. */
export const isFolderProblem = (problem: { path: string }): boolean => problem.path === ''

export const GIT_CHANGE_STATUSES = ['added', 'modified', 'deleted', 'renamed', 'untracked', 'conflicted'] as const
export const FILE_KINDS = ['collection', 'folder', 'request', 'environment', 'other'] as const

/** One changed file against the last commit, with what changed in words when it is a request. */
export const GitChangeSchema = z.object({
  /** Relative to the workspace folder, `/`-separated. */
  path: z.string(),
  status: z.enum(GIT_CHANGE_STATUSES),
  kind: z.enum(FILE_KINDS),
  /** The request, folder, collection or environment the file holds (now, or before a delete). */
  name: z.string().nullable(),
  /** The saved request's id, to open it. */
  itemId: z.string().nullable(),
  /** "header X-Api-Key added", "body changed", "added", "deleted"… */
  words: z.array(z.string()),
})
export type GitChange = z.infer<typeof GitChangeSchema>

export const GitStateSchema = z.object({
  /** False when the folder is not (inside) a git repository: Initialise offers `git init`. */
  repository: z.boolean(),
  /** The checked-out branch (before its first commit too); null on a detached HEAD. */
  branch: z.string().nullable(),
  /** The branch's upstream (origin/main), null when none is set. */
  upstream: z.string().nullable(),
  ahead: z.number().int(),
  behind: z.number().int(),
  /** Files under collections/ and environments/ that differ from HEAD (others are not Courier's). */
  changes: z.array(GitChangeSchema),
})
export type GitState = z.infer<typeof GitStateSchema>

/** A request whose auth holds a credential typed in literally: committing writes it into the repository. */
export const LiteralCredentialSchema = z.object({ path: z.string(), name: z.string(), field: z.string() })
export type LiteralCredential = z.infer<typeof LiteralCredentialSchema>

export const WorkspaceFilesStatusSchema = z.object({
  /** The folder, absolute; null when the workspace is kept only in Courier's database. */
  dir: z.string().nullable(),
  /** Set by `--workspace` at start: Settings cannot change it. */
  fromFlag: z.boolean(),
  /** When files and database last agreed (ISO), null before the first sync. */
  syncedAt: z.string().nullable(),
  problems: z.array(FileProblemSchema),
  /**
   * What the sync decided for a person to know, newest first (the last 20): a request changed both in
   * Courier and in its file at once (the file's side was kept; Courier's is in the request's versions).
   */
  notices: z.array(z.object({ at: z.string(), message: z.string() })),
  literalCredentials: z.array(LiteralCredentialSchema),
  /** null without a folder, or when the system has no `git`. */
  git: GitStateSchema.nullable(),
  /** Why git could not read the repository's status (a damaged index, an unsafe owner), when it could not. */
  gitError: z.string().nullable(),
  /** False when `git` is not installed (status, commit, pull and push need it). */
  gitAvailable: z.boolean(),
})
export type WorkspaceFilesStatus = z.infer<typeof WorkspaceFilesStatusSchema>

export const GitCommitInputSchema = z.object({ message: z.string().trim().min(1).max(10_000) })
export type GitCommitInput = z.infer<typeof GitCommitInputSchema>

/** What a git command printed (stdout and stderr, trimmed), and the status after it. */
export const GitResultSchema = z.object({ output: z.string(), status: WorkspaceFilesStatusSchema })
export type GitResult = z.infer<typeof GitResultSchema>
