import { parse as parseYaml } from 'yaml'
import { ConvertError, IMPORT_LIMITS } from './import-result.js'

/** A file's text ready to parse: within the size cap, without a byte order mark, not empty. */
export function documentText(text: string): string {
  if (text.length > IMPORT_LIMITS.maxTextLength)
    throw new ConvertError(
      'IMPORT_TOO_LARGE',
      `The file is larger than ${IMPORT_LIMITS.maxTextLength / 1024 / 1024} MB.`,
    )
  const trimmed = text.replace(/^\uFEFF/, '').trim()
  if (trimmed === '') throw new ConvertError('IMPORT_INVALID', 'The file is empty.')
  return trimmed
}

/**
 * Parses an uploaded or pasted file as JSON, or else YAML. YAML aliases are capped (the
 * "billion laughs" expansion) and only plain data comes out: no custom tags, no code.
 */
export function parseDocument(text: string): unknown {
  const trimmed = documentText(text)
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed)
    } catch (error) {
      // JSON is also YAML; a broken JSON file gets the JSON parser's message, which is clearer.
      if (!/^\s*[{[][^]*:\s/.test(trimmed.slice(0, 200)))
        throw new ConvertError('IMPORT_INVALID', `The file is not valid JSON: ${(error as Error).message}.`)
    }
  }
  try {
    return parseYaml(trimmed, { maxAliasCount: 1000, uniqueKeys: false, merge: true, schema: 'core' })
  } catch (error) {
    throw new ConvertError(
      'IMPORT_INVALID',
      `The file is neither JSON nor YAML: ${(error as Error).message.split('\n')[0]}.`,
    )
  }
}

/** Every document of a multi-document YAML stream (`---` separated), as plain data. */
export async function parseYamlStream(text: string): Promise<unknown[]> {
  if (text.length > IMPORT_LIMITS.maxTextLength)
    throw new ConvertError(
      'IMPORT_TOO_LARGE',
      `The file is larger than ${IMPORT_LIMITS.maxTextLength / 1024 / 1024} MB.`,
    )
  const { parseAllDocuments } = await import('yaml')
  const documents = parseAllDocuments(text)
  const list = Array.isArray(documents) ? documents : [documents]
  return list.map((doc, index) => {
    if (doc.errors.length)
      throw new ConvertError(
        'IMPORT_INVALID',
        `Document ${index + 1} is not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}.`,
      )
    return doc.toJS({ maxAliasCount: 1000 })
  })
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A string field of untrusted data, or the fallback. */
export function str(value: unknown, fallback = ''): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return fallback
}

export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}
