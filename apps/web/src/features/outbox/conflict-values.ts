import type { FieldConflict } from '@courier/shared'

/**
 * One side of a conflicting part, in words: a variable's value (a secret's never shown), a text, or
 * an auth's kind (its passwords and tokens never shown). Missing on that side: "removed".
 */
export function conflictValue(field: string, value: unknown): string {
  if (value === undefined || value === null) return 'removed'
  if (typeof value === 'string') return value === '' ? 'empty' : `“${value}”`
  if (field === 'auth' && typeof value === 'object' && 'type' in value) return `${String(value.type)} auth`
  if (typeof value === 'object' && 'value' in value) {
    const variable = value as { value: unknown; secret?: boolean; valueHidden?: boolean; enabled?: boolean }
    if (variable.secret || variable.valueHidden) return 'a secret value'
    return `“${String(variable.value)}”${variable.enabled === false ? ' (off)' : ''}`
  }
  if (Array.isArray(value)) return `${value.length} ${value.length === 1 ? 'row' : 'rows'}`
  return JSON.stringify(value)
}

/** "Variable {{host}}: yours “a”, theirs “b”" for each part both changed. */
export const conflictLines = (conflicts: readonly FieldConflict[]): string[] =>
  conflicts.map(
    (c) => `${c.label}: yours ${conflictValue(c.field, c.mine)}, theirs ${conflictValue(c.field, c.theirs)}`,
  )
