import { randomUUID } from 'node:crypto'
import {
  formatBytes,
  headerValue,
  isTextualContentType,
  looksLikeText,
  responseBodyPath,
  suggestFilename,
  type Attempt,
  type RequestSpec,
  type ResponseRecord,
  type SentRequest,
} from '@courier/shared'
import type { CookieJar } from 'tough-cookie'
import { CourierError } from '../errors.js'
import type { DestinationPolicy } from './address-policy.js'
import type { BodySink } from '../ports/body-sink.js'
import type { ConnectionPools } from './connection-pools.js'
import type { LookupFn } from './connector.js'
import { CookieSession } from './cookie-session.js'
import { totalDeadline } from './deadline.js'
import type { ExchangeResult, ResponseTap } from './exchange.js'
import type { SigningClock } from './auth/sign-request.js'
import { followRedirects, type FollowState, type HopRequest } from './follow-redirects.js'
import { prepareRequest, type PrepareContext } from './prepare-request.js'
import { sendSecretsOf } from './redirect-secrets.js'
import { attemptReason, REAL_CLOCK, retryDelay, retryReason, type AttemptOutcome, type RetryClock } from './retry.js'
import { resolveSettings, type EngineSettings } from './settings.js'

export type SendContext = PrepareContext & {
  /** The record's id; the body store keeps the body under it. */
  id: string
  policy: DestinationPolicy
  defaults: EngineSettings
  /** Opens (and truncates) the body file for this send. */
  openSink: () => BodySink
  /** The workspace's cookie jar; null when there is none. */
  cookieJar?: CookieJar | null
  /** Called after the jar changed, so it can be saved. */
  onCookieJarChange?: () => void
  /** Cancelled by the person (the Cancel button). */
  signal?: AbortSignal
  lookup?: LookupFn
  /** Extra trusted CA certificates (PEM). */
  extraCa?: readonly string[]
  /** Textual bodies up to this size come inline in the record. */
  inlineLimit: number
  /** Values of the secret variables this request used: never sent to another origin. */
  secretValues?: readonly string[]
  /** What retries wait on; real time unless a test injects its own. */
  clock?: RetryClock
  /** Kept-alive connections shared by sends (the services' pools); absent: a fresh connection per exchange. */
  connections?: ConnectionPools
  /** Team mode: the sender, so connections are never shared between people. */
  connectionOwner?: string
  /** Timestamps and nonces of OAuth 1.0 / AWS signatures; real unless a test fixes them. */
  signingClock?: SigningClock
  /**
   * An answer that does not end by itself (an event stream): no total or idle timeout, `signal`
   * ends it, and a cancel then keeps what arrived, marked partial, like a timeout does.
   */
  openEnded?: boolean
  /** Sees each exchange's status line and headers as soon as they arrive. */
  onResponseHead?: ResponseTap['onResponseHead']
  /** Sees the decoded body as it is stored, chunk by chunk in order. */
  onBodyChunk?: ResponseTap['onBodyChunk']
}

function sentRequest(current: HopRequest, result: ExchangeResult | undefined): SentRequest {
  return {
    method: current.method,
    url: current.url.href,
    headers: result?.sentHeaders ?? current.headers,
    bodySize: current.bodySize,
    ...(current.bodyPreview === undefined ? {} : { bodyPreview: current.bodyPreview }),
    ...(result?.remoteAddress ? { remoteAddress: result.remoteAddress } : {}),
    ...(current.droppedOnRedirect ? { droppedOnRedirect: current.droppedOnRedirect } : {}),
  }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100
}

/**
 * Sends one request the way a person asked for it. Invalid input throws a CourierError before
 * anything is sent; once sending starts, every outcome — a 500, a refused connection, a
 * timeout — comes back as a ResponseRecord, so it can be shown and kept in history.
 * With a retry policy, each failed attempt is listed in `attempts`; the record is the last one.
 */
export async function sendRequest(spec: RequestSpec, context: SendContext): Promise<ResponseRecord> {
  const prepared = await prepareRequest(spec, context)
  const asked = resolveSettings(spec.settings, context.defaults)
  // undici: a body timeout of 0 waits for the next chunk however long it takes.
  const settings = context.openEnded ? { ...asked, bodyTimeoutMs: 0 } : asked
  const startedAt = new Date()
  const started = performance.now()
  const notes = [...prepared.notes]
  const attempts: Attempt[] = []
  const clock = context.clock ?? REAL_CLOCK

  let request: HopRequest = prepared
  if (settings.idempotencyKey && !prepared.headers.some(([name]) => name.toLowerCase() === 'idempotency-key')) {
    // One key per send, the same for every retry of it: that is what makes retrying a POST safe.
    request = { ...prepared, headers: [...prepared.headers, ['Idempotency-Key', randomUUID()]] }
  }

  const secrets = sendSecretsOf(request.url, request.headers, spec.auth, context.secretValues)
  const deadline = context.openEnded
    ? { controller: new AbortController(), clear() {} }
    : totalDeadline(settings.timeoutMs)
  const { controller } = deadline
  const onCancel = () => controller.abort(new CourierError('ABORTED', 'You cancelled the request.'))
  if (context.signal?.aborted) onCancel()
  context.signal?.addEventListener('abort', onCancel, { once: true })

  const cookies = new CookieSession(
    settings.useCookieJar ? (context.cookieJar ?? null) : null,
    context.onCookieJarChange,
  )
  let state: FollowState
  let failure: CourierError | undefined

  try {
    for (let attempt = 1; ; attempt++) {
      state = { current: request, result: undefined, hops: [], cookies: [], notes }
      failure = undefined
      const attemptStart = performance.now()
      try {
        await followRedirects(
          {
            request,
            settings,
            policy: context.policy,
            cookies,
            openSink: context.openSink,
            signal: controller.signal,
            inlineLimit: context.inlineLimit,
            lookup: context.lookup,
            extraCa: context.extraCa,
            secrets,
            signingClock: context.signingClock,
            tap: {
              onResponseHead: context.onResponseHead,
              onBodyChunk: context.onBodyChunk,
              keepPartialOnCancel: context.openEnded,
            },
            connections: {
              connections: context.connections,
              connectionOwner: context.connectionOwner,
              recordId: context.id,
            },
          },
          state,
        )
      } catch (error) {
        failure =
          error instanceof CourierError
            ? error
            : new CourierError('INTERNAL', 'The send failed unexpectedly.', { cause: error })
      }
      const attemptEnd = performance.now()
      if (attempt >= settings.retry.attempts || controller.signal.aborted) break
      const outcome: AttemptOutcome = failure
        ? { errorCode: failure.code }
        : { status: state.result!.status, statusText: state.result!.statusText, headers: state.result!.headers }
      if (failure && (failure.code === 'REQUEST_TIMEOUT' || failure.code === 'ABORTED')) break
      const reason = retryReason(outcome, settings.retry)
      if (!reason) break
      const delay = retryDelay(attempt + 1, settings.retry, outcome, clock.now())
      const answered = state.result ?? state.partial
      attempts.push({
        attempt,
        ...('status' in outcome
          ? { status: outcome.status, statusText: outcome.statusText }
          : { errorCode: outcome.errorCode, errorMessage: failure!.message }),
        method: state.current.method,
        url: state.current.url.href,
        startMs: round(attemptStart - started),
        timing: { ...(answered?.timing ?? {}), total: round(attemptEnd - attemptStart) },
        waitedMs: delay.ms,
        waitSource: delay.source,
        reason: attemptReason(reason, delay),
      })
      try {
        await clock.sleep(delay.ms, controller.signal)
      } catch {
        failure =
          controller.signal.reason instanceof CourierError ? controller.signal.reason : new CourierError('ABORTED')
        break
      }
    }
  } finally {
    deadline.clear()
    context.signal?.removeEventListener('abort', onCancel)
  }

  const result = state.result
  // A failure after the answer started (a timeout, a reset) keeps what arrived; a cancel does not,
  // except for an open-ended answer, which only ever ends by being stopped.
  const partial = failure && (failure.code !== 'ABORTED' || context.openEnded) ? state.partial : undefined
  const answered = result ?? partial
  const base = {
    id: context.id,
    startedAt: startedAt.toISOString(),
    timing: { ...(answered?.timing ?? {}), total: round(performance.now() - started) },
    request: sentRequest(state.current, answered),
    hops: state.hops,
    attempts,
    cookies: state.cookies,
    notes,
    insecure: !settings.verifyTls,
  }

  if (failure && partial) {
    return {
      ...base,
      ok: false,
      partial: true,
      ...answerOf(partial, context, state.current),
      error: {
        code: failure.code,
        message: `${failure.message} ${arrivedSentence(partial)}`,
        ...(failure.phase ? { phase: failure.phase } : {}),
      },
    }
  }

  if (failure || !result) {
    const error = failure ?? new CourierError('INTERNAL')
    // A redirect Courier would not follow is still the answer it stopped at.
    const last = error.code === 'TOO_MANY_REDIRECTS' || error.code === 'REDIRECT_FORBIDDEN' ? result : undefined
    return {
      ...base,
      ok: false,
      status: last?.status ?? null,
      statusText: last?.statusText ?? '',
      httpVersion: last?.httpVersion ?? null,
      headers: last?.headers ?? [],
      sizes: { headers: last?.headerBytes ?? 0, bodyWire: last?.wireBytes ?? 0, body: last?.bodyBytes ?? 0 },
      body: null,
      error: { code: error.code, message: error.message, ...(error.phase ? { phase: error.phase } : {}) },
    }
  }

  return {
    ...base,
    ok: !result.truncated,
    ...answerOf(result, context, state.current),
    error: result.truncated
      ? {
          code: 'RESPONSE_TOO_LARGE',
          message: `The body was cut at ${formatBytes(settings.maxResponseBytes)}, the response size limit. Raise it in Settings (or in this request's Settings tab) and send again to keep it all.`,
          phase: 'receive',
        }
      : null,
  }
}

/** "23 B of 97.7 KB arrived before it stopped; …" — how much of the body a failed answer delivered. */
function arrivedSentence(partial: ExchangeResult): string {
  const announced = Number(headerValue(partial.headers, 'content-length'))
  const of = Number.isFinite(announced) && announced > 0 ? ` of ${formatBytes(announced)}` : ''
  return `${formatBytes(partial.wireBytes)}${of} arrived before it stopped; the status, headers and that part of the body are kept, marked partial.`
}

/** Status, headers, sizes and body descriptor of an answer (whole, cut at the cap, or partial). */
function answerOf(
  result: ExchangeResult,
  context: SendContext,
  current: HopRequest,
): Pick<ResponseRecord, 'status' | 'statusText' | 'httpVersion' | 'headers' | 'sizes' | 'body'> {
  const contentType = headerValue(result.headers, 'content-type') ?? null
  const isText =
    isTextualContentType(contentType) || (contentType === null && result.bodyBytes > 0 && looksLikeText(result.head))
  const inline =
    isText && result.bodyBytes <= context.inlineLimit && !result.truncated ? result.head.toString('utf8') : null
  const hasBody = result.bodyBytes > 0 || result.wireBytes > 0
  return {
    status: result.status,
    statusText: result.statusText,
    httpVersion: result.httpVersion,
    headers: result.headers,
    sizes: { headers: result.headerBytes, bodyWire: result.wireBytes, body: result.bodyBytes },
    body: hasBody
      ? {
          contentType,
          size: result.bodyBytes,
          url: responseBodyPath(context.id),
          inline,
          isText,
          truncated: result.truncated,
          ...(result.decodeError ? { decodeError: result.decodeError } : {}),
          filename: suggestFilename(headerValue(result.headers, 'content-disposition'), current.url.href, contentType),
        }
      : null,
  }
}
