import { readFile, writeFile } from 'node:fs/promises'
import type { Variable } from '@courier/shared'
import { decodeImportBytes } from '@courier/shared/convert/decode-text'
import { badCollection } from './exit-codes.js'

/** Reads a file for `courier run`, or stops with exit 3 and a sentence naming it. */
export async function readRunFile(path: string, what: string): Promise<string> {
  try {
    return decodeImportBytes(await readFile(path))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw badCollection(
      code === 'ENOENT'
        ? `The ${what} ${path} does not exist.`
        : `The ${what} ${path} cannot be read (${code ?? (error as Error).message}).`,
    )
  }
}

/** A Postman environment or globals file (`-e env.json`, `-g globals.json`) as Courier variables. */
export async function readPostmanVariables(
  path: string,
  what: 'environment' | 'globals',
): Promise<{ name: string; variables: Variable[] }> {
  const text = await readRunFile(path, `${what} file`)
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (error) {
    throw badCollection(`The ${what} file ${path} is not JSON: ${(error as Error).message}`)
  }
  // As newman's VariableScope: the Postman API's { "environment": … } wrapper, or a bare list of rows.
  if (doc && typeof doc === 'object' && !Array.isArray(doc) && Object.keys(doc).length === 1) {
    const inner = (doc as Record<string, unknown>)[what === 'globals' ? 'globals' : 'environment']
    if (inner && typeof inner === 'object') doc = inner
  }
  if (Array.isArray(doc) && doc.length > 0) doc = { values: doc }
  const record = doc as { name?: unknown; values?: unknown }
  if (doc === null || typeof doc !== 'object' || !Array.isArray(record.values))
    throw badCollection(
      `The ${what} file ${path} is not a Postman ${what} export: it needs "values": [{"key": …, "value": …}].`,
    )
  const variables: Variable[] = []
  for (const value of record.values as unknown[]) {
    const v = value as { key?: unknown; value?: unknown; enabled?: unknown; type?: unknown }
    if (!v || typeof v !== 'object' || typeof v.key !== 'string' || v.key.trim() === '') continue
    variables.push({
      name: v.key.trim(),
      value:
        typeof v.value === 'string'
          ? v.value
          : v.value === undefined || v.value === null
            ? ''
            : JSON.stringify(v.value),
      enabled: v.enabled !== false,
      secret: v.type === 'secret',
    })
  }
  return { name: typeof record.name === 'string' && record.name.trim() ? record.name.trim() : what, variables }
}

/** Sets name=value pairs over a list of variables (`--env-var`, `--global-var`): replaced by name, else added. */
export function overrideVariables(variables: readonly Variable[], pairs: readonly [string, string][]): Variable[] {
  const result = [...variables]
  for (const [name, value] of pairs) {
    const at = result.findIndex((v) => v.name === name)
    const next = { name, value, enabled: true, secret: at >= 0 ? result[at]!.secret : false }
    if (at >= 0) result[at] = next
    else result.push(next)
  }
  return result
}

/** `--export-environment` / `--export-globals`: the variables as a Postman environment file. */
export async function writePostmanVariables(
  path: string,
  what: 'environment' | 'globals',
  name: string,
  variables: readonly Variable[],
): Promise<void> {
  const doc = {
    id: crypto.randomUUID(),
    name,
    values: variables.map((v) => ({
      key: v.name,
      value: v.value,
      type: v.secret ? 'secret' : 'default',
      enabled: v.enabled,
    })),
    _postman_variable_scope: what,
    _postman_exported_at: new Date().toISOString(),
    _postman_exported_using: 'Courier',
  }
  await writeFile(path, `${JSON.stringify(doc, null, 2)}\n`, { mode: 0o600 })
}
