import type { Variable } from '../../variables.js'
import type { ImportBuilder } from '../import-builder.js'
import { arr, isRecord, str } from '../parse-document.js'
import { unwrapPostman } from './postman-shapes.js'

const isVariableRow = (value: unknown) => isRecord(value) && typeof value.key === 'string'

/**
 * What newman takes for `-e` / `-g` (a VariableScope): an environment or globals export
 * (`values: [{key, value, enabled, type}]`, with or without `name`), the same inside the Postman
 * API's `{ "environment": … }`, or a bare list of `{key, value, enabled}` (some globals exports).
 */
export function isPostmanEnvironment(input: unknown): boolean {
  const doc = unwrapPostman(input, 'environment')
  if (Array.isArray(doc)) return doc.length > 0 && doc.every(isVariableRow)
  if (!isRecord(doc) || !Array.isArray(doc.values) || 'info' in doc || 'item' in doc) return false
  return (
    typeof doc._postman_variable_scope === 'string' ||
    typeof doc.name === 'string' ||
    (doc.values.length > 0 && doc.values.every(isVariableRow))
  )
}

export function importPostmanEnvironment(input: unknown, builder: ImportBuilder): void {
  const doc = unwrapPostman(input, 'environment')
  const record = Array.isArray(doc) ? { values: doc, _postman_variable_scope: 'globals' } : isRecord(doc) ? doc : {}
  const name =
    str(record.name).trim() ||
    (record._postman_variable_scope === 'globals' ? 'Postman globals' : 'Postman environment')
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
