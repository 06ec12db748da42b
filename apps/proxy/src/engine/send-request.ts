import {
  isTextualContentType,
  looksLikeText,
  responseBodyPath,
  suggestFilename,
  type Hop,
  type Pair,
  type RequestSpec,
  type ResponseRecord,
  type SentRequest,
} from '@courier/shared'
import { CourierError } from '../errors.js'
import type { DestinationPolicy } from './address-policy.js'
import type { BodySink } from './body-receiver.js'
import type { LookupFn } from './connector.js'
import { exchange, type ExchangeResult, type OutgoingBody } from './exchange.js'
import { prepareRequest, type PrepareContext } from './prepare-request.js'
import { nextHop } from './redirects.js'
import { resolveSettings, type EngineSettings } from './settings.js'

export type SendContext = PrepareContext & {
  /** The record's id; the body store keeps the body under it. */
  id: string
  policy: DestinationPolicy
  defaults: EngineSettings
  /** Opens (and truncates) the body file for this send. */
  openSink: () => BodySink
  /** Cancelled by the person (the Cancel button). */
  signal?: AbortSignal
  lookup?: LookupFn
  /** Extra trusted CA certificates (PEM). */
  extraCa?: readonly string[]
  /** Textual bodies up to this size come inline in the record. */
  inlineLimit: number
}

type Current = { method: string; url: URL; headers: Pair[]; body: OutgoingBody; bodySize: number; bodyPreview: string | undefined }

function header(headers: readonly Pair[], name: string): string | null {
  const lower = name.toLowerCase()
  return headers.find(([n]) => n.toLowerCase() === lower)?.[1] ?? null
}

function sentRequest(current: Current, result?: ExchangeResult): SentRequest {
  const remoteAddress = result?.remoteAddress
  return {
    method: current.method,
    url: current.url.href,
    headers: result?.sentHeaders ?? current.headers,
    bodySize: current.bodySize,
    ...(current.bodyPreview === undefined ? {} : { bodyPreview: current.bodyPreview }),
    ...(remoteAddress ? { remoteAddress } : {}),
  }
}

/**
 * Sends one request the way a person asked for it. Invalid input throws a CourierError before
 * anything is sent; once sending starts, every outcome — a 500, a refused connection, a
 * timeout — comes back as a ResponseRecord, so it can be shown and kept in history.
 */
export async function sendRequest(spec: RequestSpec, context: SendContext): Promise<ResponseRecord> {
  const prepared = await prepareRequest(spec, context)
  const settings = resolveSettings(spec.settings, context.defaults)
  const startedAt = new Date()
  const started = performance.now()
  const notes = [...prepared.notes]
  const hops: Hop[] = []

  const controller = new AbortController()
  const deadline = setTimeout(() => {
    controller.abort(new CourierError('REQUEST_TIMEOUT', `No complete answer within ${settings.timeoutMs / 1000} s (total timeout).`, { phase: 'receive' }))
  }, settings.timeoutMs)
  const onCancel = () => controller.abort(new CourierError('ABORTED', 'You cancelled the request.'))
  if (context.signal?.aborted) onCancel()
  context.signal?.addEventListener('abort', onCancel, { once: true })

  let current: Current = { ...prepared }
  let result: ExchangeResult | undefined
  const base = (): Omit<ResponseRecord, 'ok' | 'status' | 'statusText' | 'httpVersion' | 'headers' | 'sizes' | 'body' | 'error'> => ({
    id: context.id,
    startedAt: startedAt.toISOString(),
    timing: { ...(result?.timing ?? {}), total: Math.round((performance.now() - started) * 100) / 100 },
    request: sentRequest(current, result),
    hops,
    attempts: [],
    cookies: [],
    notes,
    insecure: !settings.verifyTls,
  })

  try {
    for (;;) {
      result = undefined
      result = await exchange({
        url: current.url,
        method: current.method,
        headers: current.headers,
        body: current.body,
        policy: context.policy,
        allowLinkLocal: settings.allowLinkLocal,
        verifyTls: settings.verifyTls,
        connectTimeoutMs: settings.connectTimeoutMs,
        headersTimeoutMs: Math.min(settings.headersTimeoutMs, settings.timeoutMs),
        bodyTimeoutMs: Math.min(settings.bodyTimeoutMs, settings.timeoutMs),
        maxBodyBytes: settings.maxResponseBytes,
        headLimit: context.inlineLimit,
        sink: context.openSink(),
        signal: controller.signal,
        lookup: context.lookup,
        extraCa: context.extraCa,
      })

      const location = header(result.headers, 'location')
      const next = settings.followRedirects ? nextHop(current, result.status, location) : null
      if (!next) break
      if (next.kind === 'forbidden') {
        throw new CourierError('REDIRECT_FORBIDDEN', `The server redirected to ${next.target.slice(0, 200)}, which Courier does not follow (only http and https).`, { phase: 'redirect' })
      }
      hops.push({
        request: sentRequest(current, result),
        status: result.status,
        statusText: result.statusText,
        headers: result.headers,
        location,
        timing: result.timing,
      })
      if (hops.length > settings.maxRedirects) {
        throw new CourierError('TOO_MANY_REDIRECTS', `The server redirected more than ${settings.maxRedirects} times; the chain is listed under Redirects.`, { phase: 'redirect' })
      }
      if (next.droppedCredentials.length) {
        notes.push(`${next.droppedCredentials.join(', ')} not sent to ${next.request.url.origin}: it is a different origin than the one you addressed.`)
      }
      current = next.request
    }
  } catch (error) {
    const failure = error instanceof CourierError ? error : new CourierError('INTERNAL', 'The send failed unexpectedly.', { cause: error })
    const partial = result as ExchangeResult | undefined
    const last = failure.code === 'TOO_MANY_REDIRECTS' ? partial : undefined
    return {
      ...base(),
      ok: false,
      status: last?.status ?? null,
      statusText: last?.statusText ?? '',
      httpVersion: last?.httpVersion ?? null,
      headers: last?.headers ?? [],
      sizes: { headers: last?.headerBytes ?? 0, bodyWire: last?.wireBytes ?? 0, body: last?.bodyBytes ?? 0 },
      body: null,
      error: { code: failure.code, message: failure.message, ...(failure.phase ? { phase: failure.phase } : {}) },
    }
  } finally {
    clearTimeout(deadline)
    context.signal?.removeEventListener('abort', onCancel)
  }

  const final = result
  const contentType = header(final.headers, 'content-type')
  const isText = isTextualContentType(contentType) || (contentType === null && final.bodyBytes > 0 && looksLikeText(final.head))
  const inline = isText && final.bodyBytes <= context.inlineLimit && !final.truncated ? final.head.toString('utf8') : null
  const hasBody = final.bodyBytes > 0 || final.wireBytes > 0
  return {
    ...base(),
    ok: !final.truncated,
    status: final.status,
    statusText: final.statusText,
    httpVersion: final.httpVersion,
    headers: final.headers,
    sizes: { headers: final.headerBytes, bodyWire: final.wireBytes, body: final.bodyBytes },
    body: hasBody
      ? {
          contentType,
          size: final.bodyBytes,
          url: responseBodyPath(context.id),
          inline,
          isText,
          truncated: final.truncated,
          ...(final.decodeError ? { decodeError: final.decodeError } : {}),
          filename: suggestFilename(header(final.headers, 'content-disposition'), current.url.href, contentType),
        }
      : null,
    error: final.truncated
      ? { code: 'RESPONSE_TOO_LARGE', message: `The body was cut at ${formatBytes(settings.maxResponseBytes)}, the response size limit in Settings.`, phase: 'receive' }
      : null,
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`
  return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`
}
