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

export interface Database {
  history: HistoryTable
  settings: SettingsTable
  cookie_jars: CookieJarTable
  kysely_migration?: { name: string; timestamp: string; seq?: Generated<number> }
}
