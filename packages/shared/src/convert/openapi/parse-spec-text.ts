import { CORE_SCHEMA, load, mergeTag } from 'js-yaml'
import { ConvertError } from '../import-result.js'
import { documentText } from '../parse-document.js'

const SCHEMA = CORE_SCHEMA.withTags(mergeTag)

/**
 * A spec file's text as plain data: JSON through JSON.parse, YAML through js-yaml (several times
 * faster than `yaml` on big specs and split-out folders of thousands of files), core schema
 * only (no custom tags, no code), aliases capped, later duplicate keys winning.
 */
export function parseSpecText(text: string): unknown {
  const trimmed = documentText(text)
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed)
    } catch {
      /* JSON is also YAML: try that, its message is the one shown */
    }
  }
  try {
    return load(trimmed, { schema: SCHEMA, json: true, maxAliases: 1000, maxDepth: 200 })
  } catch (error) {
    throw new ConvertError(
      'IMPORT_INVALID',
      `The file is neither JSON nor YAML: ${(error as Error).message.split('\n')[0]}.`,
    )
  }
}
