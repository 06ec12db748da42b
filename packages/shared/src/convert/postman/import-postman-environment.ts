import type { Variable } from '../../variables.js'
import type { ImportBuilder } from '../import-builder.js'
import { arr, isRecord, str } from '../parse-document.js'

/** A Postman environment (or globals) export: `name` and `values: [{key, value, enabled, type}]`. */
export function isPostmanEnvironment(doc: unknown): boolean {
  return (
    isRecord(doc) &&
    Array.isArray(doc.values) &&
    (typeof doc._postman_variable_scope === 'string' || (typeof doc.name === 'string' && !('info' in doc)))
  )
}

export function importPostmanEnvironment(doc: unknown, builder: ImportBuilder): void {
  const record = isRecord(doc) ? doc : {}
  const name = str(record.name, 'Postman environment')
  const variables: Variable[] = []
  for (const value of arr(record.values).filter(isRecord)) {
    const key = str(value.key).trim()
    if (!key) continue
    if (key.length > 200) {
      builder.skip(name, `variable “${key.slice(0, 40)}…”`, 'Its name is longer than 200 characters.')
      continue
    }
    if (key !== str(value.key))
      builder.skip(name, `variable “${key}”`, 'Its name had spaces or a line break around it, which were removed.')
    variables.push({
      name: key,
      value: str(value.value).slice(0, 1024 * 1024),
      enabled: value.enabled !== false,
      secret: value.type === 'secret',
    })
  }
  builder.environment(name, variables)
}
