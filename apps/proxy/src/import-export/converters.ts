import { lazy } from '../lazy.js'

/**
 * @courier/shared/convert (postman-collection, the OpenAPI parser, yaml, httpsnippet): loaded by
 * the first import, export or copy as code, not at start.
 */
export const converters = lazy(() => import('@courier/shared/convert'))
