import type { Generated } from 'kysely'

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
  name: string
  data_json: string
  position: number
  version: number
  updated_at: string
}

export interface CollectionItemTable {
  id: string
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

export interface Database {
  collections: CollectionTable
  collection_items: CollectionItemTable
  environments: EnvironmentTable
  workspace_state: WorkspaceStateTable
  history_fts: HistoryFtsTable
  history: HistoryTable
  settings: SettingsTable
  cookie_jars: CookieJarTable
  kysely_migration?: { name: string; timestamp: string; seq?: Generated<number> }
}
