import { VARIABLE_PATTERN, mapAuthSecrets, type Auth, type LiteralCredential } from '@courier/shared'
import type { WorkspaceFile } from '@courier/shared/workspace-files'
import { kindOfPath, parseCourierFile } from './file-kind.js'

/** A person's words for each secret field the Auth tab has, by auth type and field. */
const FIELD_WORDS: Record<string, string> = {
  'basic password': 'Basic auth password',
  'digest password': 'Digest auth password',
  'bearer token': 'Bearer token',
  'apikey value': 'API key value',
  'oauth2 clientSecret': 'OAuth 2.0 client secret',
  'oauth2 password': 'OAuth 2.0 password',
  'oauth1 consumerSecret': 'OAuth 1.0 consumer secret',
  'oauth1 tokenSecret': 'OAuth 1.0 token secret',
  'oauth1 privateKey': 'OAuth 1.0 private key',
  'awsv4 secretKey': 'AWS secret key',
  'awsv4 sessionToken': 'AWS session token',
}

/** Typed in, not only `{{variable}}` references (and spaces): such a value is the credential itself. */
export function isLiteral(value: string): boolean {
  return value.replace(VARIABLE_PATTERN, '').trim() !== ''
}

/**
 * The secret fields of `auth` holding a literal value. Which fields are secrets comes from
 * mapAuthSecrets (the one list history redaction and exports mask through): a field it changes is one.
 */
export function literalAuthFields(auth: Auth): string[] {
  const seen: string[] = []
  const marked = mapAuthSecrets(auth, (value) => {
    seen.push(value)
    return `\u0000secret-${seen.length - 1}`
  })
  const fields: string[] = []
  const walk = (was: Record<string, unknown>, now: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(now)) {
      if (typeof value === 'string' && value.startsWith('\u0000secret-')) {
        const original = was[key]
        if (typeof original === 'string' && isLiteral(original))
          fields.push(FIELD_WORDS[`${auth.type} ${key}`] ?? `${key} (${auth.type})`)
      } else if (value && typeof value === 'object' && !Array.isArray(value))
        walk(was[key] as Record<string, unknown>, value as Record<string, unknown>)
    }
  }
  walk(auth as unknown as Record<string, unknown>, marked as unknown as Record<string, unknown>)
  return fields
}

/**
 * Requests, folders and collections whose auth holds a credential typed in literally (not empty, not
 * only a {{variable}}), and secret variables given a value in the file (Courier writes them without
 * one; a value typed in by hand wins): committing the files writes them into the repository.
 * Unreadable files are skipped.
 */
export function literalCredentials(files: readonly WorkspaceFile[]): LiteralCredential[] {
  const out: LiteralCredential[] = []
  for (const file of files) {
    const kind = kindOfPath(file.path)
    if (kind === 'other') continue
    const parsed = parseCourierFile(kind, file.text)
    if (!parsed.ok) continue
    const found = (field: string) => out.push({ path: file.path, name: parsed.data.name, field })
    if (parsed.kind !== 'environment') for (const field of literalAuthFields(parsed.data.auth)) found(field)
    if (parsed.kind !== 'request')
      for (const v of parsed.data.variables)
        if (v.secret && v.value !== undefined && isLiteral(v.value)) found(`secret variable ${v.name}`)
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}
