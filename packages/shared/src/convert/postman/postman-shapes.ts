import transformer from 'postman-collection-transformer'
import { ConvertError } from '../import-result.js'
import { isRecord, str } from '../parse-document.js'

/**
 * What newman runs as a collection, told apart here before it is read. newman hands any JSON object
 * to the SDK, so besides v2.0/v2.1 with `info.schema` it runs: v2 marked by `info._postman_schema`
 * (older Postman exports), v2 with no `info` at all (`item` only), the Postman API's wrapper
 * `{ "collection": { … } }`, and v1 (`name`, `order`, `requests`), which it converts to v2.1 with
 * postman-collection-transformer, as done here.
 */
export type PostmanCollectionShape = { version: 'v2.0' | 'v2.1' | 'v1'; doc: Record<string, unknown>; bare: boolean }

const V2_SCHEMA = /schema\.(getpostman|postman)\.com\/json\/collection\/v2\.?([01])?/

/** The Postman API wraps a collection or an environment in one key of its kind. */
export function unwrapPostman(doc: unknown, key: 'collection' | 'environment'): unknown {
  return isRecord(doc) && Object.keys(doc).length === 1 && isRecord(doc[key]) ? doc[key] : doc
}

/** newman's isV1Collection, with `requests` required to be a list. */
export function isV1Collection(doc: unknown): boolean {
  return isRecord(doc) && typeof doc.name === 'string' && Array.isArray(doc.order) && Array.isArray(doc.requests)
}

function isItem(value: unknown): boolean {
  return isRecord(value) && ('request' in value || Array.isArray(value.item))
}

/**
 * A v2 collection with a schema URL (or `_postman_schema`), a v1 collection, or — when `loose` —
 * one with no `info` whose `item` list holds Postman items (a request or a folder each).
 */
export function postmanCollectionShape(input: unknown, loose: boolean): PostmanCollectionShape | null {
  const doc = unwrapPostman(input, 'collection')
  if (!isRecord(doc)) return null
  if (isV1Collection(doc)) return { version: 'v1', doc, bare: false }
  if (!Array.isArray(doc.item)) return null
  if (isRecord(doc.info)) {
    const match = V2_SCHEMA.exec(str(doc.info.schema) || str(doc.info._postman_schema))
    if (match) return { version: match[2] === '0' ? 'v2.0' : 'v2.1', doc, bare: false }
  }
  if (loose && !('info' in doc && !isRecord(doc.info)) && doc.item.length > 0 && doc.item.every(isItem))
    return { version: 'v2.1', doc, bare: !isRecord(doc.info) }
  return null
}

/** A v1 collection converted to v2.1 as newman converts it. */
export function convertV1(doc: Record<string, unknown>): Record<string, unknown> {
  let result: Record<string, unknown> | undefined
  let failure: Error | null = null
  try {
    transformer.convert(doc, { inputVersion: '1.0.0', outputVersion: '2.1.0' }, (error, converted) => {
      failure = error
      result = converted as Record<string, unknown>
    })
  } catch (error) {
    failure = error as Error
  }
  if (failure || !result)
    throw new ConvertError(
      'IMPORT_INVALID',
      `The Postman v1 collection could not be converted to v2.1: ${(failure as Error | null)?.message ?? 'the converter returned nothing'}.`,
    )
  return result
}

export function shapeLabel(shape: PostmanCollectionShape): string {
  if (shape.version === 'v1') return 'Postman collection v1 (converted to v2.1, as newman does)'
  return `Postman collection ${shape.version}${shape.bare ? ' (no info block)' : ''}`
}
