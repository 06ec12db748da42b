import type { Pair, Timing } from '@courier/shared'
import { Client } from 'undici'
import { CourierError } from '../errors.js'
import type { DestinationPolicy } from './address-policy.js'
import type { BodySink } from '../ports/body-sink.js'
import { BodyReceiver } from './body-receiver.js'
import { createConnector, type ConnectTrace, type LookupFn } from './connector.js'
import { pairsFromRaw, sentHeadersFrom, timingFrom } from './exchange-report.js'
import { toCourierError } from './map-error.js'

export type OutgoingBody = Buffer | (() => NodeJS.ReadableStream) | null

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
}

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

/**
 * One request/response over a fresh connection. A fresh connection per send means every
 * exchange shows its DNS, connect and TLS phases, and per-request TLS settings never leak
 * into a shared pool. Uses undici's dispatch handler (the v7 legacy form, which is the one
 * that reports the reason phrase, raw ordered headers and "request sent").
 */
export async function exchange(input: ExchangeInput): Promise<ExchangeResult> {
  const trace: ConnectTrace = {}
  const started = performance.now()
  const client = new Client(input.url.origin, {
    connect: createConnector({
      policy: input.policy,
      allowLinkLocal: input.allowLinkLocal,
      verifyTls: input.verifyTls,
      connectTimeoutMs: input.connectTimeoutMs,
      trace,
      lookup: input.lookup,
      extraCa: input.extraCa,
    }),
    headersTimeout: input.headersTimeoutMs,
    bodyTimeout: input.bodyTimeoutMs,
    keepAliveTimeout: 1000,
    pipelining: 1,
    strictContentLength: true,
    maxResponseSize: -1,
  })

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
        if (head && receiver && input.onPartial && !cancelled) {
          // The answer had started: keep what arrived (flushed to the sink), then report the failure.
          const partialReceiver = receiver
          partialReceiver.finish()
          const finishedReceiving = performance.now()
          void partialReceiver.done.then(
            () => {
              input.onPartial!({
                ...head!,
                sentHeaders: sentHeadersFrom(trace, input),
                wireBytes: partialReceiver.wireBytes,
                bodyBytes: partialReceiver.decodedBytes,
                truncated: partialReceiver.truncated,
                decodeError: partialReceiver.decodeError,
                head: partialReceiver.head(),
                timing: timingFrom(trace, started, requestSent, responseStarted, finishedReceiving),
                remoteAddress: trace.remoteAddress,
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
      const onAbort = () => {
        const reason = input.signal.reason
        abortRequest?.(reason instanceof Error ? reason : new CourierError('ABORTED'))
        fail(reason ?? new CourierError('ABORTED'))
      }
      if (input.signal.aborted) return onAbort()
      input.signal.addEventListener('abort', onAbort, { once: true })

      const flatHeaders = input.headers.flatMap(([name, value]) => [name, value])
      const body = typeof input.body === 'function' ? input.body() : input.body

      client.dispatch(
        {
          origin: input.url.origin,
          path: `${input.url.pathname}${input.url.search}` || '/',
          method: input.method,
          headers: flatHeaders,
          body: body as never,
        },
        {
          onConnect(abort: (error?: Error) => void) {
            abortRequest = abort
          },
          onRequestSent() {
            requestSent = performance.now()
          },
          onResponseStarted() {
            responseStarted ??= performance.now()
          },
          onHeaders(statusCode: number, rawHeaders: Buffer[], resume: () => void, statusText: string) {
            if (statusCode < 200) return true // 1xx informational: the final answer follows
            responseStarted ??= performance.now()
            const { pairs, bytes } = pairsFromRaw(rawHeaders)
            head = {
              status: statusCode,
              statusText,
              httpVersion: trace.alpnProtocol === 'h2' ? 'HTTP/2' : 'HTTP/1.1',
              headers: pairs,
              headerBytes: bytes,
            }
            const encoding = pairs
              .filter(([name]) => name.toLowerCase() === 'content-encoding')
              .map(([, value]) => value)
              .join(', ')
            receiver = new BodyReceiver(encoding || undefined, input.sink, input.maxBodyBytes, input.headLimit, () => {
              capReached = true
              abortRequest?.(new CourierError('RESPONSE_TOO_LARGE'))
            })
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
                sentHeaders: sentHeadersFrom(trace, input),
                wireBytes: receiver?.wireBytes ?? 0,
                bodyBytes: receiver?.decodedBytes ?? 0,
                truncated: receiver?.truncated ?? false,
                decodeError: receiver?.decodeError,
                head: receiver?.head() ?? Buffer.alloc(0),
                timing: timingFrom(trace, started, requestSent, responseStarted, finishedReceiving),
                remoteAddress: trace.remoteAddress,
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
                  sentHeaders: sentHeadersFrom(trace, input),
                  wireBytes: receiver!.wireBytes,
                  bodyBytes: receiver!.decodedBytes,
                  truncated: true,
                  decodeError: receiver!.decodeError,
                  head: receiver!.head(),
                  timing: timingFrom(trace, started, requestSent, responseStarted, finishedReceiving),
                  remoteAddress: trace.remoteAddress,
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
    return result
  } catch (error) {
    const phase = responseStarted ? 'receive' : requestSent ? 'receive' : trace.connectEnd ? 'send' : 'connect'
    throw toCourierError(error, phase)
  } finally {
    client.destroy().catch(() => {})
  }
}
