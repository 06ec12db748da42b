import { z } from 'zod'
import { CookieKeySchema, CookieListQuerySchema, CookieListSchema, JarCookieSchema } from './cookies.js'
import { AppSettingsSchema } from './settings.js'
import {
  CollectionItemSchema,
  CollectionSchema,
  CollectionTreeSchema,
  CreateCollectionSchema,
  CreateItemSchema,
  MoveItemSchema,
  RemovedSchema,
  UpdateCollectionSchema,
  UpdateItemSchema,
} from './collection.js'
import {
  CreateEnvironmentSchema,
  EnvironmentSchema,
  SetCurrentValueSchema,
  UpdateEnvironmentSchema,
} from './environment.js'
import { WorkspaceStateSchema } from './workspace.js'
import { CaptureMountInputSchema, CaptureMountSchema, UpdateCaptureMountSchema } from './capture.js'
import { MockCallsSchema, MockInputSchema, MockRouteSchema, MockSchema, UpdateMockSchema } from './mocks.js'
import { PresenceReportSchema, ViewersSchema } from './live.js'
import {
  GitCommitInputSchema,
  GitResultSchema,
  WorkspaceFilesStatusSchema,
  WorkspaceFolderInputSchema,
} from './workspace-sync.js'
import { MergeNoteSchema } from './versions.js'
import { versionEndpoints } from './version-endpoints.js'
import { HistoryEntrySchema, HistoryPageSchema, HistoryQuerySchema } from './history.js'
import { FileRefSchema, RequestSpecSchema } from './request-spec.js'
import { ResponseRecordSchema } from './response-record.js'
import { MeSchema } from './team-account.js'
import { RunInputSchema, RunListSchema, RunReportSchema, RunSummarySchema } from './runs.js'
import {
  OAuthDiscoverInputSchema,
  OAuthFlowStartSchema,
  OAuthFlowViewSchema,
  OAuthMetadataSchema,
  OAuthPastedRedirectSchema,
  OAuthTokenQuerySchema,
  OAuthTokenViewSchema,
} from './oauth.js'
import { ExportFileSchema } from './convert/export-file.js'
import { ImportResultSchema } from './convert/import-result.js'
import {
  CodegenInputSchema,
  CollectionExportInputSchema,
  CurlParseInputSchema,
  CurlParsedSchema,
  GeneratedCodeSchema,
  HistoryExportInputSchema,
  ImportCommitInputSchema,
  ImportCommittedSchema,
  ImportPreviewInputSchema,
  WorkspaceExportInputSchema,
} from './convert/import-export-api.js'

export const IdParamsSchema = z.object({ id: z.string().min(1).max(200) })

export const SendInputSchema = z.object({
  request: RequestSpecSchema,
  environmentId: z.string().optional(),
  /** The saved request this is (or is a draft of): its collection and folders lend variables, auth and headers. */
  itemId: z.string().optional(),
})
export type SendInput = z.input<typeof SendInputSchema>

/**
 * What the background check of the data file found (SQLite's quick_check, run after start):
 * `pending` before it ran, `skipped` when it could not run or there is nothing to check
 * (PostgreSQL), `damaged` with the sentence that says what Courier did and what to do.
 */
export const StorageIntegritySchema = z.object({
  state: z.enum(['pending', 'checking', 'ok', 'damaged', 'skipped']),
  message: z.string().optional(),
})
export type StorageIntegrity = z.infer<typeof StorageIntegritySchema>

export const AppInfoSchema = z.object({
  name: z.literal('Courier'),
  version: z.string(),
  dataDir: z.string(),
  storage: z.enum(['sqlite', 'postgres']),
  integrity: StorageIntegritySchema,
  /** The origin mocks are served on (issue 18), never Courier's own; null when this server serves none. */
  mockOrigin: z.string().nullable(),
})
export type AppInfo = z.infer<typeof AppInfoSchema>

export type EndpointMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export type Endpoint = {
  method: EndpointMethod
  path: string
  params?: z.ZodType
  query?: z.ZodType
  body?: z.ZodType
  response: z.ZodType
}

/**
 * Every JSON route of Courier's API, used by both sides: the server registers its routes
 * from it and the web client calls through it, so a change is a type error on both.
 * Send answers a ResponseRecord even when the target could not be reached (non-2xx status).
 */
export const endpoints = {
  info: { method: 'GET', path: '/api/info', response: AppInfoSchema },
  send: { method: 'POST', path: '/api/send', body: SendInputSchema, response: ResponseRecordSchema },
  listHistory: { method: 'GET', path: '/api/history', query: HistoryQuerySchema, response: HistoryPageSchema },
  getHistory: { method: 'GET', path: '/api/history/:id', params: IdParamsSchema, response: HistoryEntrySchema },
  deleteHistory: { method: 'DELETE', path: '/api/history/:id', params: IdParamsSchema, response: z.null() },
  clearHistory: { method: 'DELETE', path: '/api/history', response: z.null() },
  // Capture mounts (issue 18): the person's own, in the workspace of the request.
  listCaptureMounts: { method: 'GET', path: '/api/capture/mounts', response: z.array(CaptureMountSchema) },
  createCaptureMount: {
    method: 'POST',
    path: '/api/capture/mounts',
    body: CaptureMountInputSchema,
    response: CaptureMountSchema,
  },
  updateCaptureMount: {
    method: 'PATCH',
    path: '/api/capture/mounts/:id',
    params: IdParamsSchema,
    body: UpdateCaptureMountSchema,
    response: CaptureMountSchema,
  },
  deleteCaptureMount: { method: 'DELETE', path: '/api/capture/mounts/:id', params: IdParamsSchema, response: z.null() },
  // Mock servers (issue 18): shared with the workspace.
  listMocks: { method: 'GET', path: '/api/mocks', response: z.array(MockSchema) },
  createMock: { method: 'POST', path: '/api/mocks', body: MockInputSchema, response: MockSchema },
  updateMock: {
    method: 'PATCH',
    path: '/api/mocks/:id',
    params: IdParamsSchema,
    body: UpdateMockSchema,
    response: MockSchema,
  },
  deleteMock: { method: 'DELETE', path: '/api/mocks/:id', params: IdParamsSchema, response: z.null() },
  listMockRoutes: {
    method: 'GET',
    path: '/api/mocks/:id/routes',
    params: IdParamsSchema,
    response: z.array(MockRouteSchema),
  },
  listMockCalls: { method: 'GET', path: '/api/mocks/:id/calls', params: IdParamsSchema, response: MockCallsSchema },
  clearMockCalls: { method: 'DELETE', path: '/api/mocks/:id/calls', params: IdParamsSchema, response: z.null() },
  // A workspace kept as files (issue 19), local mode only.
  getWorkspaceFiles: { method: 'GET', path: '/api/workspace-files', response: WorkspaceFilesStatusSchema },
  setWorkspaceFolder: {
    method: 'PUT',
    path: '/api/workspace-files',
    body: WorkspaceFolderInputSchema,
    response: WorkspaceFilesStatusSchema,
  },
  gitInit: { method: 'POST', path: '/api/workspace-files/init', response: GitResultSchema },
  gitCommit: {
    method: 'POST',
    path: '/api/workspace-files/commit',
    body: GitCommitInputSchema,
    response: GitResultSchema,
  },
  gitPull: { method: 'POST', path: '/api/workspace-files/pull', response: GitResultSchema },
  gitPush: { method: 'POST', path: '/api/workspace-files/push', response: GitResultSchema },
  listCookies: { method: 'GET', path: '/api/cookies', query: CookieListQuerySchema, response: CookieListSchema },
  putCookie: { method: 'PUT', path: '/api/cookies', body: JarCookieSchema, response: CookieListSchema },
  deleteCookie: { method: 'DELETE', path: '/api/cookies/entry', query: CookieKeySchema, response: CookieListSchema },
  clearCookies: { method: 'DELETE', path: '/api/cookies', response: CookieListSchema },
  getSettings: { method: 'GET', path: '/api/settings', response: AppSettingsSchema },
  listCollections: { method: 'GET', path: '/api/collections', response: z.array(CollectionTreeSchema) },
  createCollection: {
    method: 'POST',
    path: '/api/collections',
    body: CreateCollectionSchema,
    response: CollectionTreeSchema,
  },
  updateCollection: {
    method: 'PATCH',
    path: '/api/collections/:id',
    params: IdParamsSchema,
    body: UpdateCollectionSchema,
    /** `merged` says the save was merged with changes made since its version. */
    response: CollectionSchema.extend(MergeNoteSchema.shape),
  },
  deleteCollection: { method: 'DELETE', path: '/api/collections/:id', params: IdParamsSchema, response: RemovedSchema },
  duplicateCollection: {
    method: 'POST',
    path: '/api/collections/:id/duplicate',
    params: IdParamsSchema,
    response: CollectionTreeSchema,
  },
  restoreRemoved: {
    method: 'POST',
    path: '/api/collections/restore',
    body: RemovedSchema,
    response: z.array(CollectionTreeSchema),
  },
  createItem: { method: 'POST', path: '/api/items', body: CreateItemSchema, response: CollectionItemSchema },
  updateItem: {
    method: 'PATCH',
    path: '/api/items/:id',
    params: IdParamsSchema,
    body: UpdateItemSchema,
    response: z.intersection(CollectionItemSchema, MergeNoteSchema),
  },
  moveItem: {
    method: 'POST',
    path: '/api/items/:id/move',
    params: IdParamsSchema,
    body: MoveItemSchema,
    response: z.array(CollectionTreeSchema),
  },
  duplicateItem: {
    method: 'POST',
    path: '/api/items/:id/duplicate',
    params: IdParamsSchema,
    response: z.array(CollectionTreeSchema),
  },
  deleteItem: { method: 'DELETE', path: '/api/items/:id', params: IdParamsSchema, response: RemovedSchema },
  listEnvironments: { method: 'GET', path: '/api/environments', response: z.array(EnvironmentSchema) },
  createEnvironment: {
    method: 'POST',
    path: '/api/environments',
    body: CreateEnvironmentSchema,
    response: EnvironmentSchema,
  },
  updateEnvironment: {
    method: 'PATCH',
    path: '/api/environments/:id',
    params: IdParamsSchema,
    body: UpdateEnvironmentSchema,
    response: EnvironmentSchema.extend(MergeNoteSchema.shape),
  },
  deleteEnvironment: { method: 'DELETE', path: '/api/environments/:id', params: IdParamsSchema, response: z.null() },
  duplicateEnvironment: {
    method: 'POST',
    path: '/api/environments/:id/duplicate',
    params: IdParamsSchema,
    response: EnvironmentSchema,
  },
  /** My own current value of one variable (set, or cleared with null); answers the environment as I see it. */
  setCurrentValue: {
    method: 'PUT',
    path: '/api/environments/:id/current-values',
    params: IdParamsSchema,
    body: SetCurrentValueSchema,
    response: EnvironmentSchema,
  },
  ...versionEndpoints,
  getWorkspace: { method: 'GET', path: '/api/workspace', response: WorkspaceStateSchema },
  putWorkspace: { method: 'PUT', path: '/api/workspace', body: WorkspaceStateSchema, response: z.null() },
  putSettings: { method: 'PUT', path: '/api/settings', body: AppSettingsSchema, response: AppSettingsSchema },
  discoverOAuth: {
    method: 'POST',
    path: '/api/oauth/discover',
    body: OAuthDiscoverInputSchema,
    response: OAuthMetadataSchema,
  },
  startOAuthFlow: {
    method: 'POST',
    path: '/api/oauth/flows',
    body: OAuthFlowStartSchema,
    response: OAuthFlowViewSchema,
  },
  getOAuthFlow: { method: 'GET', path: '/api/oauth/flows/:id', params: IdParamsSchema, response: OAuthFlowViewSchema },
  finishOAuthFlow: {
    method: 'POST',
    path: '/api/oauth/flows/:id/redirect',
    params: IdParamsSchema,
    body: OAuthPastedRedirectSchema,
    response: OAuthFlowViewSchema,
  },
  cancelOAuthFlow: {
    method: 'DELETE',
    path: '/api/oauth/flows/:id',
    params: IdParamsSchema,
    response: OAuthFlowViewSchema,
  },
  getOAuthToken: {
    method: 'GET',
    path: '/api/oauth/token',
    query: OAuthTokenQuerySchema,
    response: OAuthTokenViewSchema.nullable(),
  },
  deleteOAuthToken: { method: 'DELETE', path: '/api/oauth/token', query: OAuthTokenQuerySchema, response: z.null() },
  previewImport: {
    method: 'POST',
    path: '/api/import/preview',
    body: ImportPreviewInputSchema,
    response: ImportResultSchema,
  },
  commitImport: {
    method: 'POST',
    path: '/api/import/commit',
    body: ImportCommitInputSchema,
    response: ImportCommittedSchema,
  },
  exportCollection: {
    method: 'POST',
    path: '/api/export/collection',
    body: CollectionExportInputSchema,
    response: ExportFileSchema,
  },
  exportWorkspace: {
    method: 'POST',
    path: '/api/export/workspace',
    body: WorkspaceExportInputSchema,
    response: ExportFileSchema,
  },
  exportHistory: {
    method: 'POST',
    path: '/api/export/history',
    body: HistoryExportInputSchema,
    response: ExportFileSchema,
  },
  generateCode: { method: 'POST', path: '/api/codegen', body: CodegenInputSchema, response: GeneratedCodeSchema },
  parseCurl: { method: 'POST', path: '/api/convert/curl', body: CurlParseInputSchema, response: CurlParsedSchema },
  /** Team mode: who else views which saved request (empty in single-user mode). */
  listViewers: { method: 'GET', path: '/api/presence', response: ViewersSchema },
  /** Reports the saved request in front of this page; answers the others' as listViewers. */
  reportPresence: { method: 'PUT', path: '/api/presence', body: PresenceReportSchema, response: ViewersSchema },
  me: { method: 'GET', path: '/api/me', response: MeSchema },
  signOut: { method: 'POST', path: '/api/sign-out', body: z.object({}).strict(), response: z.null() },
  /** Runs and answers when done (the remote `courier run --server`); the run is kept like a started one. */
  runCollection: { method: 'POST', path: '/api/runs', body: RunInputSchema, response: RunReportSchema },
  /** The runner in the browser: starts a kept run and answers at once (state "running"). */
  startRun: { method: 'POST', path: '/api/runs/start', body: RunInputSchema, response: RunSummarySchema },
  /** Kept runs, newest first, without their steps. */
  listRuns: { method: 'GET', path: '/api/runs', response: RunListSchema },
  /** One run with the steps so far (poll it while its state is "running"). */
  getRun: { method: 'GET', path: '/api/runs/:id', params: IdParamsSchema, response: RunReportSchema },
  /** Stops a running run after the step in flight (which is cancelled); answers the run as it ended. */
  stopRun: {
    method: 'POST',
    path: '/api/runs/:id/stop',
    params: IdParamsSchema,
    body: z.object({}).strict(),
    response: RunReportSchema,
  },
  deleteRun: { method: 'DELETE', path: '/api/runs/:id', params: IdParamsSchema, response: z.null() },
} as const satisfies Record<string, Endpoint>

export type Endpoints = typeof endpoints

/** Route for uploaded files (multipart, streamed); answers a FileRef. */
export const FILES_PATH = '/api/files'
export const FileUploadResponseSchema = FileRefSchema

export function responseBodyPath(id: string): string {
  return `/api/responses/${encodeURIComponent(id)}/body`
}

/** The header the page sends its per-start secret in. */
export const TOKEN_HEADER = 'x-courier-token'
/** Team mode: the workspace a request works in (the person's personal workspace when absent). */
export const WORKSPACE_HEADER = 'x-courier-workspace'
/** The meta tag the server puts the per-start secret in. */
export const TOKEN_META = 'courier-token'

// Import, export and copy-as-code: the wire shapes the web app needs, without the converters.
export { CODE_TARGETS, type CodeTarget, type CodeTargetId } from './convert/codegen/code-targets.js'
export type { ImportResult, ImportReport, SkippedItem, ImportFormat } from './convert/import-result.js'
export type { ExportFile } from './convert/export-file.js'
export { looksLikeCurl } from './convert/import-export-api.js'
export type {
  CodegenInput,
  CurlParsed,
  GeneratedCodeAnswer,
  HistoryExportInput,
  ImportCommitted,
  ImportSource,
} from './convert/import-export-api.js'
