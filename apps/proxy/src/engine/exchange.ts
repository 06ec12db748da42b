import type { Pair, Timing } from '@courier/shared'
import { CourierError } from '../errors.js'
import type { DestinationPolicy } from './address-policy.js'
import type { BodySink } from '../ports/body-sink.js'
import { BodyReceiver } from './body-receiver.js'
import { dispatcherFor, type ConnectionPools } from './connection-pools.js'
import { connectionOf, type LookupFn, type OpenedConnection } from './connector.js'
import { pairsFromRaw, sentHeadersFrom, timingFrom } from './exchange-report.js'
import { toCourierError } from './map-error.js'
import { expectWireHeaders } from './wire-headers.js'

export type OutgoingBody = Buffer | (() => NodeJS.ReadableStream) | null

/** An answer's status line and headers, as soon as they arrive (before its body). */
export type ResponseHead = {
  /** The URL this exchange went to, and the request headers exactly as written on the wire. */
  url: string
  sentHeaders: Pair[]
  status: number
  statusText: string
  httpVersion: string
  headers: Pair[]
  remoteAddress: string | undefined
}

/** Watches an answer as it arrives: every exchange's head, then its decoded body chunks in order. */
export type ResponseTap = {
  onResponseHead?: (head: ResponseHead) => void
  onBodyChunk?: (chunk: Uint8Array) => void
}

export type ExchangeInput = {
  url: URL
  method: string
  /** Every header to send, in order, Host included. */
  headers: Pair[]
  body: OutgoingBody
  policy: DestinationPolicy
  allowLinkLocal: boolean
  verifyTls: boolean
  connectTimeoutMs: number
  headersTimeoutMs: number
  bodyTimeoutMs: number
  maxBodyBytes: number
  /** Decoded bytes kept in memory for the inline preview. */
  headLimit: number
  sink: BodySink | null
  signal: AbortSignal
  lookup?: LookupFn
  extraCa?: readonly string[]
  /**
   * Called, before the exchange throws, with what arrived when it failed after the response
   * headers (a timeout, a reset): status, headers and the body bytes so far, already in the sink.
   */
  onPartial?: (partial: ExchangeResult) => void
  /** Kept-alive connections to reuse; absent (or `fresh`): a new connection, closed after. */
  connections?: ConnectionPools
  fresh?: boolean
  /** Team mode: whose send it is (connections are never shared between people). */
  connectionOwner?: string
  /** The send's record id, named by later sends that reuse a connection this one opened. */
  recordId?: string
  /** A cancel after the headers reports what arrived through `onPartial` too (an event stream stopped). */
  keepPartialOnCancel?: boolean
} & ResponseTap

export type ExchangeResult = {
  /** The request headers exactly as written on the wire. */
  sentHeaders: Pair[]
  status: number
  statusText: string
  httpVersion: string
  headers: Pair[]
  headerBytes: number
  wireBytes: number
  bodyBytes: number
  truncated: boolean
  decodeError: string | undefined
  head: Buffer
  timing: Timing
  remoteAddress: string | undefined
}

/** Error codes of a kept-alive connection the server closed just as it was reused. */
const STALE_SOCKET = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE'])

/**
 * One request/response, on a kept-alive connection for its key (connection-pools.ts) or a fresh
 * one. A reused connection the server had already closed (nothing of the answer arrived) is
 * retried once on a new connection, as every keep-alive client does.
 */
export async function exchange(input: ExchangeInput): Promise<ExchangeResult> {
  const tried: Tried = { reused: false, answered: false }
  try {
    return await exchangeOnce(input, tried)
  } catch (error) {
    const code = (error as { cause?: { code?: unknown } }).cause?.code
    const stale = tried.reused && !tried.answered && typeof code === 'string' && STALE_SOCKET.has(code)
    if (!stale || input.signal.aborted) throw error
    return exchangeOnce(input, { reused: false, answered: false })
  }
}

type Tried = { reused: boolean; answered: boolean }

/**
 * Uses undici's dispatch handler (the v7 legacy form, which is the one that reports the reason
 * phrase, raw ordered headers and "request sent").
 */
async function exchangeOnce(input: ExchangeInput, tried: Tried): Promise<ExchangeResult> {
  const started = performance.now()
  const { dispatcher, release } = dispatcherFor(
    {
      origin: input.url.origin,
      policy: input.policy,
      allowLinkLocal: input.allowLinkLocal,
      verifyTls: input.verifyTls,
      connectTimeoutMs: input.connectTimeoutMs,
      lookup: input.lookup,
      extraCa: input.extraCa,
      owner: input.connectionOwner,
    },
    input.connections,
    input.fresh ?? false,
  )
  /** The connection this exchange was written on, known once undici writes its headers. */
  let connection: { opened: OpenedConnection; reused: boolean } | undefined
  let wireHeaders: string | undefined
  let failed = true

  let requestSent: number | undefined
  let responseStarted: number | undefined
  let capReached = false

  try {
    const result = await new Promise<ExchangeResult>((resolve, reject) => {
      let abortRequest: ((error?: Error) => void) | undefined
      let receiver: BodyReceiver | undefined
      let head:
        | Omit<
            ExchangeResult,
            | 'sentHeaders'
            | 'wireBytes'
            | 'bodyBytes'
            | 'truncated'
            | 'decodeError'
            | 'head'
            | 'timing'
            | 'remoteAddress'
          >
        | undefined
      let settled = false
      let resumeReading: (() => void) | undefined

      const fail = (error: unknown) => {
        if (settled) return
        settled = true
        input.signal.removeEventListener('abort', onAbort)
        const cancelled = error instanceof CourierError && error.code === 'ABORTED'
        if (head && receiver && input.onPartial && (!cancelled || input.keepPartialOnCancel)) {
          // The answer had started: keep what arrived (flushed to the sink), then report the failure.
          const partialReceiver = receiver
          partialReceiver.finish()
          const finishedReceiving = performance.now()
          void partialReceiver.done.then(
            () => {
              input.onPartial!({
                ...head!,
                sentHeaders: sentHeadersFrom(wireHeaders, input),
                wireBytes: partialReceiver.wireBytes,
                bodyBytes: partialReceiver.decodedBytes,
                truncated: partialReceiver.truncated,
                decodeError: partialReceiver.decodeError,
                head: partialReceiver.head(),
                timing: timingFrom(connection, started, requestSent, responseStarted, finishedReceiving),
                remoteAddress: connection?.opened.trace.remoteAddress,
              })
              reject(error)
            },
            () => reject(error),
          )
          return
        }
        if (!receiver) return reject(error)
        // Wait for the receiver to let go of the body file before the caller removes it.
        receiver.fail(error instanceof Error ? error : new Error(String(error)))
        void receiver.done.then(
          () => reject(error),
          () => reject(error),
        )
      }
      let abandoned = false
      const onAbort = () => {
        const reason = input.signal.reason
        // Not written yet (waiting for a connection): it is aborted as soon as undici picks it up.
        abandoned = true
        abortRequest?.(reason instanceof Error ? reason : new CourierError('ABORTED'))
        fail(reason ?? new CourierError('ABORTED'))
      }
      if (input.signal.aborted) return onAbort()
      input.signal.addEventListener('abort', onAbort, { once: true })

      const flatHeaders = input.headers.flatMap(([name, value]) => [name, value])
      const body = typeof input.body === 'function' ? input.body() : input.body

      dispatcher.dispatch(
        {
          origin: input.url.origin,
          path: `${input.url.pathname}${input.url.search}` || '/',
          method: input.method,
          headers: flatHeaders,
          body: body as never,
          headersTimeout: input.headersTimeoutMs,
          bodyTimeout: input.bodyTimeoutMs,
        },
        {
          onConnect(abort: (error?: Error) => void) {
            abortRequest = abort
            if (abandoned) return abort(new CourierError('ABORTED'))
            expectWireHeaders((block, socket) => {
              wireHeaders = block
              const opened = connectionOf(socket)
              if (!opened) return
              const reused = opened.uses > 0
              opened.uses++
              if (!reused) opened.openedBy = input.recordId
              connection = { opened, reused }
              tried.reused = reused
            })
          },
          onRequestSent() {
            requestSent = performance.now()
          },
          onResponseStarted() {
            responseStarted ??= performance.now()
            tried.answered = true
          },
          onHeaders(statusCode: number, rawHeaders: Buffer[], resume: () => void, statusText: string) {
            tried.answered = true
            if (statusCode < 200) return true // 1xx informational: the final answer follows
            responseStarted ??= performance.now()
            const { pairs, bytes } = pairsFromRaw(rawHeaders)
            head = {
              status: statusCode,
              statusText,
              httpVersion: connection?.opened.trace.alpnProtocol === 'h2' ? 'HTTP/2' : 'HTTP/1.1',
              headers: pairs,
              headerBytes: bytes,
            }
            input.onResponseHead?.({
              ...head,
              headers: [...pairs],
              url: input.url.href,
              sentHeaders: sentHeadersFrom(wireHeaders, input),
              remoteAddress: connection?.opened.trace.remoteAddress,
            })
            const encoding = pairs
              .filter(([name]) => name.toLowerCase() === 'content-encoding')
              .map(([, value]) => value)
              .join(', ')
            receiver = new BodyReceiver(
              encoding || undefined,
              input.sink,
              input.maxBodyBytes,
              input.headLimit,
              () => {
                capReached = true
                abortRequest?.(new CourierError('RESPONSE_TOO_LARGE'))
              },
              input.onBodyChunk,
            )
            resumeReading = resume
            return true
          },
          onData(chunk: Buffer) {
            return receiver!.push(chunk, () => resumeReading?.())
          },
          onComplete() {
            receiver?.finish()
            const finishedReceiving = performance.now()
            void (receiver?.done ?? Promise.resolve()).then(() => {
              if (settled) return
              settled = true
              input.signal.removeEventListener('abort', onAbort)
              resolve({
                ...head!,
                sentHeaders: sentHeadersFrom(wireHeaders, input),
                wireBytes: receiver?.wireBytes ?? 0,
                bodyBytes: receiver?.decodedBytes ?? 0,
                truncated: receiver?.truncated ?? false,
                decodeError: receiver?.decodeError,
                head: receiver?.head() ?? Buffer.alloc(0),
                timing: timingFrom(connection, started, requestSent, responseStarted, finishedReceiving),
                remoteAddress: connection?.opened.trace.remoteAddress,
              })
            }, fail)
          },
          onError(error: Error) {
            if (capReached && receiver && head) {
              // The cap was reached on purpose: report what arrived, flagged truncated.
              receiver.finish()
              const finishedReceiving = performance.now()
              void receiver.done.then(() => {
                if (settled) return
                settled = true
                input.signal.removeEventListener('abort', onAbort)
                resolve({
                  ...head!,
                  sentHeaders: sentHeadersFrom(wireHeaders, input),
                  wireBytes: receiver!.wireBytes,
                  bodyBytes: receiver!.decodedBytes,
                  truncated: true,
                  decodeError: receiver!.decodeError,
                  head: receiver!.head(),
                  timing: timingFrom(connection, started, requestSent, responseStarted, finishedReceiving),
                  remoteAddress: connection?.opened.trace.remoteAddress,
                })
              }, fail)
              return
            }
            fail(error)
          },
          onUpgrade() {
            fail(
              new CourierError(
                'UPSTREAM_PROTOCOL_ERROR',
                'The server switched protocols (101) without being asked to.',
                { phase: 'receive' },
              ),
            )
          },
        } as never,
      )
    })
    failed = false
    return result
  } catch (error) {
    const phase = responseStarted ? 'receive' : requestSent ? 'receive' : connection ? 'send' : 'connect'
    throw toCourierError(error, phase)
  } finally {
    release(failed)
  }
}
