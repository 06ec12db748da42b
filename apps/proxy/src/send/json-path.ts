import { lazy } from '../lazy.js'

/** Loaded with the first capture or assertion that reads JSON, not at start. */
const jsonPath = lazy(() => import('jsonpath-rfc9535'))

/** What a JSONPath (RFC 9535) selects in a parsed JSON document, in order; throws when the expression is not valid. */
export async function queryJson(document: unknown, expression: string): Promise<unknown[]> {
  return (await jsonPath()).query(document as never, expression)
}
