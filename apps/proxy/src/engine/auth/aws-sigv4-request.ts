import type { AwsSigV4Config, Pair } from '@courier/shared'
import { amzDate, sha256Hex, sigV4Authorization } from './aws-sigv4-signature.js'
import { bodyBytes, type SignableRequest, type SigningClock, type SignOutcome } from './signable-request.js'

function find(headers: readonly Pair[], name: string): string | undefined {
  return headers.find(([n]) => n.toLowerCase() === name)?.[1]
}

/**
 * AWS Signature Version 4 over the request as written: signed are Host, Content-Type when there
 * is one and every X-Amz-* header (what curl --aws-sigv4 signs), so the defaults Courier adds
 * (User-Agent, Accept, Accept-Encoding) can change on the way without breaking it. The person's
 * own X-Amz-Date or X-Amz-Content-Sha256 row is used as given (a fixed date for comparisons, an
 * UNSIGNED-PAYLOAD for S3); S3 gets X-Amz-Content-Sha256, which it requires.
 */
export async function signAwsV4<R extends SignableRequest>(
  request: R,
  config: AwsSigV4Config,
  clock: SigningClock,
): Promise<SignOutcome<R>> {
  if (config.accessKey.trim() === '' || config.secretKey === '') {
    const missing = config.accessKey.trim() === '' ? 'access key' : 'secret key'
    return { request, note: `The AWS ${missing} is empty, so the request was not signed.` }
  }
  const service = config.service.trim() || 'execute-api'
  const region = config.region.trim() || 'us-east-1'
  const added: Pair[] = []
  const date = find(request.headers, 'x-amz-date') ?? amzDate(clock.now())
  if (find(request.headers, 'x-amz-date') === undefined) added.push(['X-Amz-Date', date])
  let payloadHash = find(request.headers, 'x-amz-content-sha256')
  if (payloadHash === undefined) {
    payloadHash = sha256Hex(await bodyBytes(request.body))
    if (service === 's3') added.push(['X-Amz-Content-Sha256', payloadHash])
  }
  if (config.sessionToken !== '' && find(request.headers, 'x-amz-security-token') === undefined)
    added.push(['X-Amz-Security-Token', config.sessionToken])

  const headers = [...request.headers, ...added]
  const signedHeaders = [
    ...new Set(
      headers
        .map(([name]) => name.toLowerCase())
        .filter((name) => name === 'host' || name === 'content-type' || name.startsWith('x-amz-')),
    ),
  ]
  const authorization = sigV4Authorization(
    {
      method: request.method,
      path: request.url.pathname,
      query: request.url.search.slice(1),
      headers,
      signedHeaders,
      payloadHash,
      service,
    },
    config.accessKey.trim(),
    config.secretKey,
    { amzDate: date, region, service },
  )
  return {
    request: {
      ...request,
      headers: [...headers, ['Authorization', authorization]],
      signedParts: { headers: ['authorization', ...added.map(([name]) => name.toLowerCase())], query: [], body: [] },
    },
  }
}
