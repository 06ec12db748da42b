import { endpoints, type GitResult } from '@courier/shared'
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { z } from 'zod'
import { ApiError, callEndpoint } from '../../shared/api/proxy-client'

/** The live stream maps kind 'files' to this key (features/live/live-keys.ts). */
export const workspaceFilesKey = ['workspace-files'] as const

/** Queries whose fresh data means Courier saved something, and the files changed with it. */
const SAVED_KEYS = new Set(['collections', 'environments'])

export function workspaceFilesOptions() {
  return queryOptions({
    queryKey: workspaceFilesKey,
    queryFn: ({ signal }) => callEndpoint(endpoints.getWorkspaceFiles, {}, signal),
    // A team server keeps no files: its refusal is an answer, not a failure to retry.
    retry: (count, error) => !(error instanceof ApiError) && count < 2,
  })
}

/** True when the server says files are not for it (a team server). */
export const isLocalOnly = (error: unknown) => error instanceof ApiError && error.code === 'WORKSPACE_FILES_LOCAL_ONLY'

/** The workspace's files and git status. */
export function useWorkspaceFiles() {
  return useQuery(workspaceFilesOptions())
}

/**
 * Whenever the collections or environments refetch (a save here, a change elsewhere), the status
 * refetches too, so a saved request shows as changed at once. Used once, by the top bar's button.
 */
export function useStatusFollowsSaves() {
  const queryClient = useQueryClient()
  useEffect(
    () =>
      queryClient.getQueryCache().subscribe((event) => {
        if (event.type !== 'updated' || event.action.type !== 'success') return
        const head = event.query.queryKey[0]
        if (typeof head === 'string' && SAVED_KEYS.has(head))
          void queryClient.invalidateQueries({ queryKey: workspaceFilesKey })
      }),
    [queryClient],
  )
}

/** Settings' choice: keep the workspace in `dir`, or (null) stop keeping files. */
export function useSetWorkspaceFolder() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (dir: string | null) => callEndpoint(endpoints.setWorkspaceFolder, { body: { dir } }),
    meta: { shownInline: true },
    onSuccess: (status) => {
      queryClient.setQueryData(workspaceFilesKey, status)
      // The files may hold other collections and environments than the database did.
      void queryClient.invalidateQueries({ queryKey: ['collections'] })
      void queryClient.invalidateQueries({ queryKey: ['environments'] })
    },
  })
}

export type GitCommand = 'init' | 'commit' | 'pull' | 'push'

/**
 * Init, pull and push take no input, but a write must say application/json (the security gate
 * refuses it otherwise): they send `{}`, as stopRun does.
 */
const NoInput = z.object({}).strict()
const withNoInput = <E extends (typeof endpoints)['gitInit' | 'gitPull' | 'gitPush']>(endpoint: E) => ({
  ...endpoint,
  body: NoInput,
})

/** One git command the person asked for; its answer's status replaces the shown one. */
export function useGitCommand() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ command, message }: { command: GitCommand; message?: string }): Promise<GitResult> => {
      switch (command) {
        case 'init':
          return callEndpoint(withNoInput(endpoints.gitInit), { body: {} })
        case 'commit':
          return callEndpoint(endpoints.gitCommit, { body: { message: message ?? '' } })
        case 'pull':
          return callEndpoint(withNoInput(endpoints.gitPull), { body: {} })
        case 'push':
          return callEndpoint(withNoInput(endpoints.gitPush), { body: {} })
      }
    },
    meta: { shownInline: true },
    onSuccess: (result) => queryClient.setQueryData(workspaceFilesKey, result.status),
    onSettled: (_result, _error, { command }) => {
      void queryClient.invalidateQueries({ queryKey: workspaceFilesKey })
      // A pull brings others' requests: the tree reads them (the files' sync also says so live).
      if (command === 'pull') void queryClient.invalidateQueries({ queryKey: ['collections'] })
    },
  })
}
