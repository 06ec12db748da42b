import type { Pair } from '@courier/shared'
import { IMPORT_LIMITS } from '@courier/shared/convert'
import type { DestinationPolicy } from '../engine/address-policy.js'
import type { LookupFn } from '../engine/connector.js'
import { exchange } from '../engine/exchange.js'
import type { EngineSettings } from '../engine/settings.js'
import { parseTargetUrl } from '../engine/prepare-request.js'
import { CourierError } from '../errors.js'

export type FetchContext = { policy: DestinationPolicy; settings: EngineSettings; userAgent: string; extraCa?: readonly string[]; lookup?: LookupFn }

const MAX_REDIRECTS = 5

/**
 * Fetches a spec or collection by URL through the send engine's exchange: the same destination
 * policy as a send (no metadata, link-local or Courier's own port), timeouts and TLS rules,
 * the import size cap counted on decoded bytes, and up to five redirects, each hop checked again.
 */
export async function fetchImportUrl(text: string, context: FetchContext): Promise<{ text: string; name: string }> {
  let url = parseTargetUrl(text, [])
  const { settings } = context
  const controller = new AbortController()
  const deadline = setTimeout(() => controller.abort(new CourierError('REQUEST_TIMEOUT', `No complete answer within ${settings.timeoutMs / 1000} s.`, { phase: 'receive' })), settings.timeoutMs)
  try {
    for (let hop = 0; ; hop++) {
      const headers: Pair[] = [['Host', url.host], ['User-Agent', context.userAgent], ['Accept', 'application/json, application/yaml, text/yaml, text/plain, */*']]
      let result
      try {
        result = await exchange({
          url,
          method: 'GET',
          headers,
          body: null,
          policy: context.policy,
          allowLinkLocal: false,
          verifyTls: settings.verifyTls,
          connectTimeoutMs: settings.connectTimeoutMs,
          headersTimeoutMs: Math.min(settings.headersTimeoutMs, settings.timeoutMs),
          bodyTimeoutMs: Math.min(settings.bodyTimeoutMs, settings.timeoutMs),
          maxBodyBytes: IMPORT_LIMITS.maxTextLength,
          headLimit: IMPORT_LIMITS.maxTextLength,
          sink: null,
          signal: controller.signal,
          lookup: context.lookup,
          extraCa: context.extraCa,
        })
      } catch (error) {
        if (error instanceof CourierError && error.code === 'TARGET_FORBIDDEN') throw error
        const reason = error instanceof CourierError ? error.message : 'the connection failed'
        throw new CourierError('IMPORT_FETCH_FAILED', `${url.host} could not be fetched: ${reason}`, { cause: error })
      }
      const location = result.headers.find(([name]) => name.toLowerCase() === 'location')?.[1]
      if (result.status >= 300 && result.status < 400 && location) {
        if (hop >= MAX_REDIRECTS) throw new CourierError('IMPORT_FETCH_FAILED', `${url.host} redirected more than ${MAX_REDIRECTS} times.`)
        url = new URL(location, url)
        if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CourierError('IMPORT_FETCH_FAILED', 'The URL redirected to something that is not http or https.')
        continue
      }
      if (result.truncated) throw new CourierError('IMPORT_TOO_LARGE', `The file at that URL is larger than ${IMPORT_LIMITS.maxTextLength / 1024 / 1024} MB.`)
      if (result.status >= 400) throw new CourierError('IMPORT_FETCH_FAILED', `${url.host} answered ${result.status} ${result.statusText}.`)
      return { text: result.head.toString('utf8'), name: decodeURIComponent(url.pathname.split('/').pop() ?? '') || url.host }
    }
  } finally {
    clearTimeout(deadline)
  }
}
