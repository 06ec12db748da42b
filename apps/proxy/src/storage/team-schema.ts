/** Table shapes of migration 0011 (team mode), as Kysely sees them; times are ISO strings. */
export type Role = 'owner' | 'admin' | 'editor' | 'viewer'

export interface TeamTables {
  users: {
    id: string
    email: string
    name: string
    password_hash: string | null
    oidc_subject: string | null
    created_at: string
    disabled_at: string | null
  }
  user_links: {
    token_hash: string
    purpose: 'password' | 'invite'
    user_id: string | null
    workspace_id: string | null
    role: Role | null
    created_by: string | null
    created_at: string
    expires_at: string
    consumed_at: string | null
  }
  api_tokens: {
    token_hash: string
    id: string
    user_id: string
    name: string
    created_at: string
    last_used_at: string | null
    revoked_at: string | null
  }
  workspaces: { id: string; name: string; kind: 'personal' | 'team'; created_at: string }
  memberships: { workspace_id: string; user_id: string; role: Role; created_at: string }
  audit_log: {
    id: string
    at: string
    user_id: string | null
    workspace_id: string | null
    action: string
    target: string | null
    detail_json: string
  }
  variable_values: { environment_id: string; user_id: string; name: string; sealed: string; updated_at: string }
  item_versions: {
    id: string
    workspace_id: string
    kind: 'collection' | 'item' | 'environment'
    target_id: string
    version: number
    data_json: string
    user_id: string
    at: string
  }
  trash: {
    id: string
    workspace_id: string
    kind: string
    name: string
    payload_json: string
    deleted_by: string
    deleted_at: string
  }
}
