import type { Generated } from 'kysely'
import type { TeamTables } from './team-schema.js'

/** Table shapes as Kysely sees them. JSON columns are text so both dialects store them alike. */
export interface HistoryTable {
  id: string
  created_at: string
  method: string
  url: string
  status: number | null
  error_code: string | null
  duration_ms: number
  size: number
  request_json: string
  response_json: string
  /** PostgreSQL only: the text full-text search looks in. */
  search_text?: string | null
  /** Whose exchange this is (migration 0011; 'local' in single-user mode). */
  user_id: Generated<string>
  /** A small body's bytes, sealed for this row, or `inline` (the row's inline text is the body); NULL: in the body store (migration 0022). */
  body_sealed?: string | null
  /** The capture mount that recorded it (migration 0023); NULL for sends. */
  capture?: string | null
}

/** Migration 0023: a capture mount (CaptureMount without id/version/times, as JSON in data_json). */
export interface CaptureMountTable {
  id: string
  name: string
  workspace_id: string
  user_id: string
  data_json: string
  version: number
  created_at: string
  updated_at: string
}

/** Migration 0024: a mock server (MockInput as JSON) and the calls it received (MockCall as JSON). */
export interface MockTable {
  id: string
  workspace_id: string
  user_id: string
  data_json: string
  version: number
  created_at: string
  updated_at: string
}
export interface MockCallTable {
  id: string
  mock_id: string
  at: string
  data_json: string
}

export interface SettingsTable {
  key: string
  value_json: string
  updated_at: string
}

export interface CookieJarTable {
  id: string
  json: string
  updated_at: string
}

export interface CollectionTable {
  id: string
  /** Migration 0011; 'local' in single-user mode. */
  workspace_id: Generated<string>
  name: string
  data_json: string
  position: number
  version: number
  updated_at: string
}

export interface CollectionItemTable {
  id: string
  /** Migration 0011: the collection's workspace, so item queries are scoped without a join. */
  workspace_id: Generated<string>
  collection_id: string
  parent_id: string | null
  kind: 'folder' | 'request'
  name: string
  position: number
  data_json: string
  version: number
  updated_at: string
}

export interface EnvironmentTable {
  id: string
  /** Migration 0011; 'local' in single-user mode. */
  workspace_id: Generated<string>
  name: string
  variables_json: string
  position: number
  version: number
  updated_at: string
}

export interface WorkspaceStateTable {
  id: string
  json: string
  updated_at: string
}

export interface HistoryFtsTable {
  rowid: number
  url: string
  body: string
}

/** Migration 0013: which saved request each open page shows, until it expires. */
export interface PresenceTable {
  workspace_id: string
  user_id: string
  client_id: string
  name: string
  item_id: string | null
  expires_at: string
}

/** One send's lease (migration 0016): counts toward its sender's per-minute and in-flight limits. */
export interface SendLeaseTable {
  id: string
  user_id: string
  started_at: string
  expires_at: string
  ended_at: string | null
}

/** One failed credential from one client address (migration 0018), for the failure limiter. */
export interface CredentialFailureTable {
  id: string
  client: string
  at: string
}

/** A response body or an uploaded file in the database (team mode), sealed: migration 0017. */
export interface BlobTable {
  /** This write's own id: a body replaced by a redirect's next hop is a new blob until it completes. */
  id: string
  kind: 'body' | 'file'
  /** The history id or file id it is stored under. */
  owner_id: string
  /** The sealed format's 32-byte header (its salt: the blob's own key). */
  header: Buffer
  /** 0 while it is written (or if the write was cut off), 1 once complete. */
  complete: number
  plain_size: number | string | null
  sealed_size: number | string | null
  written_at: string
}

/** One row of a blob: BATCH_CHUNKS sealed chunks (1 MiB of plain bytes), the last possibly fewer. */
export interface BlobChunkTable {
  blob_id: string
  seq: number
  data: Buffer
}

/** Migration 0020: a kept collection run; its summary (the report without steps) is JSON. */
export interface RunTable {
  id: string
  workspace_id: string
  user_id: string
  state: 'running' | 'finished' | 'stopped' | 'failed'
  started_at: string
  heartbeat_at: string
  stop_requested: Generated<number>
  summary_json: string
}

export interface RunStepTable {
  run_id: string
  position: number
  step_json: string
}

export interface Database extends TeamTables {
  runs: RunTable
  capture_mounts: CaptureMountTable
  mocks: MockTable
  mock_calls: MockCallTable
  run_steps: RunStepTable
  blobs: BlobTable
  blob_chunks: BlobChunkTable
  presence: PresenceTable
  collections: CollectionTable
  collection_items: CollectionItemTable
  environments: EnvironmentTable
  workspace_state: WorkspaceStateTable
  history_fts: HistoryFtsTable
  history: HistoryTable
  settings: SettingsTable
  cookie_jars: CookieJarTable
  send_leases: SendLeaseTable
  credential_failures: CredentialFailureTable
  kysely_migration?: { name: string; timestamp: string; seq?: Generated<number> }
}
