import {
  endpoints,
  type CodegenInput,
  type ExportFile,
  type HistoryExportInput,
  type ImportResult,
  type ImportSource,
} from '@courier/shared'
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { callEndpoint } from '../../shared/api/proxy-client'
import { collectionsOptions } from '../collections'
import { environmentsOptions } from '../environments'

/** Reads the source and answers what would be imported, with the report; stores nothing. */
export const usePreviewImport = () =>
  useMutation({
    mutationFn: (source: ImportSource) => callEndpoint(endpoints.previewImport, { body: { source } }),
    meta: { shownInline: true },
  })

/** Stores a previewed import; the collections and environments lists refresh. */
export function useCommitImport() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (result: ImportResult) => callEndpoint(endpoints.commitImport, { body: { result } }),
    meta: { shownInline: true }, // in the Import dialog
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: collectionsOptions().queryKey }),
        queryClient.invalidateQueries({ queryKey: environmentsOptions().queryKey }),
      ]),
  })
}

export type ExportTarget =
  | { kind: 'collection'; collectionId: string; folderId?: string; name: string }
  | { kind: 'workspace' }
  | { kind: 'history'; query: HistoryExportInput['query']; label: string }

export type ExportFormat = 'postman' | 'openapi' | 'bruno' | 'insomnia-v5' | 'workspace' | 'har' | 'json' | 'csv'

export function exportFile(target: ExportTarget, format: ExportFormat, includeSecrets: boolean): Promise<ExportFile> {
  if (target.kind === 'collection') {
    return callEndpoint(endpoints.exportCollection, {
      body: {
        collectionId: target.collectionId,
        ...(target.folderId ? { folderId: target.folderId } : {}),
        format: format === 'openapi' || format === 'bruno' || format === 'insomnia-v5' ? format : 'postman',
        includeSecrets,
      },
    })
  }
  if (target.kind === 'workspace') return callEndpoint(endpoints.exportWorkspace, { body: { includeSecrets } })
  return callEndpoint(endpoints.exportHistory, {
    body: { format: format === 'csv' ? 'csv' : format === 'json' ? 'json' : 'har', query: target.query },
  })
}

/** The code for one request and target; the previous code stays on screen while the next loads. */
export function codeOptions(input: CodegenInput) {
  return queryOptions({
    queryKey: ['codegen', input],
    queryFn: ({ signal }) => callEndpoint(endpoints.generateCode, { body: input }, signal),
    placeholderData: keepPreviousData,
    staleTime: 0,
  })
}

export const parseCurlCommand = (command: string) => callEndpoint(endpoints.parseCurl, { body: { command } })
