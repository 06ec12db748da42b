import { headerValue } from '@courier/shared'
import { decodeImportBytes } from '@courier/shared/convert/decode-text'
import { bufferedExchange, type ServerFetchContext } from '../engine/buffered-exchange.js'
import { totalDeadline } from '../engine/deadline.js'
import { parseTargetUrl } from '../engine/prepare-request.js'
import { CourierError } from '../errors.js'
import { converters } from './converters.js'

const MAX_REDIRECTS = 5

/**
 * Fetches a spec or collection by URL through the send engine's exchange: the same destination
 * policy as a send (no metadata, link-local or Courier's own port), timeouts and TLS rules,
 * the import size cap counted on decoded bytes, and up to five redirects, each hop checked again.
 */
export async function fetchImportUrl(
  text: string,
  context: ServerFetchContext,
): Promise<{ text: string; name: string; url: string }> {
  const { IMPORT_LIMITS } = await converters()
  let url = parseTargetUrl(text, [])
  const { timeoutMs } = context.settings
  const deadline = totalDeadline(timeoutMs, `No complete answer within ${timeoutMs / 1000} s.`)
  try {
    for (let hop = 0; ; hop++) {
      let result
      try {
        result = await bufferedExchange(
          {
            method: 'GET',
            url,
            accept: 'application/json, application/yaml, text/yaml, text/plain, */*',
            maxBodyBytes: IMPORT_LIMITS.maxTextLength,
          },
          context,
          deadline.controller.signal,
        )
      } catch (error) {
        if (error instanceof CourierError && error.code === 'TARGET_FORBIDDEN') throw error
        const reason = error instanceof CourierError ? error.message : 'the connection failed'
        throw new CourierError('IMPORT_FETCH_FAILED', `${url.host} could not be fetched: ${reason}`, { cause: error })
      }
      const location = headerValue(result.headers, 'location')
      if (result.status >= 300 && result.status < 400 && location) {
        if (hop >= MAX_REDIRECTS)
          throw new CourierError('IMPORT_FETCH_FAILED', `${url.host} redirected more than ${MAX_REDIRECTS} times.`)
        url = new URL(location, url)
        if (url.protocol !== 'http:' && url.protocol !== 'https:')
          throw new CourierError('IMPORT_FETCH_FAILED', 'The URL redirected to something that is not http or https.')
        continue
      }
      if (result.truncated)
        throw new CourierError(
          'IMPORT_TOO_LARGE',
          `The file at that URL is larger than ${IMPORT_LIMITS.maxTextLength / 1024 / 1024} MB.`,
        )
      if (result.status >= 400)
        throw new CourierError(
          'IMPORT_FETCH_FAILED',
          `${url.host} answered ${result.status} ${result.statusText}; check the address, or download the file and import it.`,
        )
      return {
        text: decodeImportBytes(result.head),
        name: decodeURIComponent(url.pathname.split('/').pop() ?? '') || url.host,
        url: url.href,
      }
    }
  } finally {
    deadline.clear()
  }
}
