import { syncPathParams } from './path-params.js'
import type { RequestSpec } from './request-spec.js'
import { paramsFromUrl } from './url-params.js'

/**
 * A request whose tables agree with its URL: the enabled query rows follow the URL (disabled rows
 * kept), and there is a Path row per `:name` segment. For requests written elsewhere (an API call,
 * an import, an older save) that carry the query only in the URL.
 */
export function syncSpecParams(spec: RequestSpec): RequestSpec {
  return {
    ...spec,
    params: paramsFromUrl(spec.url, spec.params),
    pathParams: syncPathParams(spec.url, spec.pathParams),
  }
}
