import type { RefSource } from '@courier/shared/convert'
import type { ServerFetchContext } from '../engine/buffered-exchange.js'
import { CourierError } from '../errors.js'
import { fetchImportUrl } from './fetch-import-url.js'

/**
 * How a spec imported by URL reads the files its `$ref`s name: each one fetched like the spec
 * itself (fetchImportUrl: the send engine's exchange, the destination policy, redirects checked
 * hop by hop, the size cap), only http(s), never a `file:` path. The converter caps how many
 * files and bytes; the reason a file could not be read goes into the import report.
 */
export function urlRefSource(location: string, context: ServerFetchContext): RefSource {
  return {
    location,
    maxFiles: 1000,
    maxBytes: 40 * 1024 * 1024,
    load: async (ref) => {
      const url = new URL(ref)
      if (url.protocol !== 'http:' && url.protocol !== 'https:')
        throw new Error(
          url.protocol === 'file:'
            ? `It names a file on a disk (${ref.slice(0, 200)}); the server never reads its own files for an import`
            : `It uses ${url.protocol}, and only http and https references are fetched`,
        )
      try {
        return (await fetchImportUrl(ref, context)).text
      } catch (error) {
        if (error instanceof CourierError && error.code === 'TARGET_FORBIDDEN')
          throw new Error(`Courier's destination policy refuses ${url.host}: ${error.message.replace(/\.$/, '')}`, {
            cause: error,
          })
        throw new Error(error instanceof Error ? error.message.replace(/\.$/, '') : 'It could not be fetched', {
          cause: error,
        })
      }
    },
  }
}
