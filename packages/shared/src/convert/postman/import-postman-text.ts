import { withoutBom } from '../decode-text.js'
import { ImportBuilder } from '../import-builder.js'
import { ConvertError, type ImportResult } from '../import-result.js'
import { reportUnknownVariables } from '../unknown-variables.js'
import {
  importPostmanCollection,
  isPostmanCollection,
  postmanVersionLabel,
  type PostmanImportOptions,
} from './import-postman.js'

/**
 * A Postman v2.0/v2.1 collection's JSON text → an ImportResult, by the same importer `importText`
 * uses, without loading the other formats' parsers (`courier run file.json` starts faster).
 * `options.keepFileSources` only for `courier run` on a file.
 */
export function importPostmanText(text: string, options: PostmanImportOptions = {}): ImportResult {
  let doc: unknown
  try {
    doc = JSON.parse(withoutBom(text))
  } catch (error) {
    throw new ConvertError('IMPORT_INVALID', `It is not JSON: ${(error as Error).message}`)
  }
  if (!isPostmanCollection(doc, true))
    throw new ConvertError(
      'IMPORT_FORMAT_UNKNOWN',
      'It is not a Postman v2.0/v2.1 collection, nor a v1 one (v2 has "item" with requests or folders, v1 "name", "order" and "requests"); export it from Postman as Collection v2.1.',
    )
  const builder = new ImportBuilder('postman-collection', postmanVersionLabel(doc))
  importPostmanCollection(doc, builder, options)
  reportUnknownVariables(builder)
  return builder.result()
}
