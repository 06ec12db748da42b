import type { RequestBody, Row } from '@courier/shared'

const rows = (value: unknown) =>
  (value as Row[]).map(([name, v, on]) => `${on ? '' : '(off) '}${name}: ${v}`).join('\n') || '(none)'

/** One field's value as a person reads it in the conflict dialog. */
export function formatFieldValue(field: string, value: unknown): string {
  if (value === undefined) return '(not there)'
  if (field === 'url') {
    const { url } = value as { url: string }
    return url || '(empty)'
  }
  if (field === 'headers' || field === 'headers') return rows(value)
  if (field === 'body') {
    const body = value as RequestBody
    if (body.kind === 'none') return '(no body)'
    if (body.kind === 'json' || body.kind === 'raw') return body.text || '(empty)'
    return JSON.stringify(body, null, 2)
  }
  if (typeof value === 'string') return value || '(empty)'
  if (field.startsWith('variable:')) {
    const v = value as { value: string; secret: boolean; enabled: boolean }
    return `${v.secret ? '•••••• (secret)' : v.value}${v.enabled ? '' : ' (off)'}`
  }
  return JSON.stringify(value, null, 2)
}

/** "you" for the local user; a teammate's name when known (`name`, see use-person-name.ts), else their id. */
export function who(userId: string | undefined | null, name?: string): string {
  if (!userId || userId === 'local') return 'you (another tab)'
  return name ?? userId
}

export function when(at: string | undefined | null): string {
  if (!at) return ''
  return new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}
