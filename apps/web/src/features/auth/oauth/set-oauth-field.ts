import type { OAuth2Config } from '@courier/shared'

/** Sets one field of the OAuth 2.0 config (the form's field groups share it). */
export type SetOAuthField = <K extends keyof OAuth2Config>(key: K, value: OAuth2Config[K]) => void
