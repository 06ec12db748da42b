import { Transform, type TransformCallback } from 'node:stream'
import {
  isSecretHeader,
  isTextualContentType,
  RequestSpecSchema,
  responseBodyPath,
  ResponseRecordSchema,
  type Pair,
  type ResponseRecord,
} from '@courier/shared'
import type { FastifyBaseLogger } from 'fastify'
import { CourierError } from '../errors.js'
import type { ChangeBus } from '../ports/change-bus.js'
import type { Retention } from '../send/retention.js'
import type { BodyStore } from '../storage/body-store.js'
import type { Store } from '../storage/store.js'
import { historyRecordFor } from '../send/record-exchange.js'
import { maskSecrets } from '../send/mask-secrets.js'
import type { BodySink } from '../ports/body-sink.js'
import { LOCAL_ACTOR } from '../team/scope.js'
import type { StoredMount } from '../storage/capture-mount-store.js'
import type { InjectedHeaders } from './upstream-headers.js'

/** Values of injected headers whose name says credential, typed literally (a variable's are masked by name). */
function injectedCredentials(injected: InjectedHeaders): string[] {
  const out: string[] = []
  injected.typed.forEach(([name, typed], index) => {
    const value = injected.resolved[index]?.[1] ?? ''
    if (value.length < 4 || /\{\{/.test(typed)) return
    if (isSecretHeader(name) || CREDENTIAL_NAME.test(name)) out.push(value)
  })
  return out
}
const CREDENTIAL_NAME = /key|token|secret|auth|pass|session|signature|cookie/i

/** Request body bytes kept for history (the rest is counted and forwarded). */
export const REQUEST_BODY_KEPT = 64 * 1024
/** Response body bytes kept in the record itself (inline text) besides the body store. */
const INLINE_KEPT = 64 * 1024
const PREVIEW = 2 * 1024

const round = (ms: number) => Math.round(ms * 100) / 100

/** What recording needs of Courier's services. */
export type RecordServices = { store: Store; bodies: BodyStore; bus: ChangeBus; retention: Retention }

/** One exchange through a mount, filled in as it happens, recorded once when it ends. */
export class CapturedExchange {
  readonly startedAt = new Date().toISOString()
  readonly t0 = performance.now()
  /** The upstream URL as sent (set once known). */
  url = ''
  /** The headers as written upstream (resolved: secrets in clear until masked for history). */
  sentHeaders: Pair[] = []
  injected: InjectedHeaders = { typed: [], resolved: [], secretVariables: [] }
  requestType: string | null = null
  requestSize = 0
  private readonly requestKept: Buffer[] = []
  private requestKeptBytes = 0
  head: { status: number; statusText: string; headers: Pair[]; at: number } | undefined
  responseSize = 0
  private stored = 0
  private readonly inline: Buffer[] = []
  private inlineBytes = 0
  private sink: BodySink | undefined
  private sinkFailed = false
  truncated = false
  partial = false
  error: CourierError | undefined
  notes: string[] = []
  private endedAt: number | undefined
  private done = false
  /** Preflights and requests refused before a mount was known are not recorded. */
  skip = false

  constructor(
    readonly id: string,
    readonly mount: StoredMount,
    readonly method: string,
    private readonly services: RecordServices,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Counts (and keeps the start of) the request body as it is forwarded: a pass-through, never a buffer. */
  requestTap(): Transform {
    return new Transform({
      transform: (chunk: Buffer, _encoding, callback: TransformCallback) => {
        this.requestSize += chunk.length
        if (this.requestKeptBytes < REQUEST_BODY_KEPT) {
          const part = chunk.subarray(0, REQUEST_BODY_KEPT - this.requestKeptBytes)
          this.requestKept.push(part)
          this.requestKeptBytes += part.length
        }
        callback(null, chunk)
      },
    })
  }

  responseStarted(status: number, statusText: string, headers: Pair[]): void {
    this.head = { status, statusText, headers, at: performance.now() }
  }

  /**
   * Tees the upstream body: every byte goes on to the client; up to `cap` bytes go to the body
   * store as they pass (the write is awaited, so a slow store slows the stream, never fills memory);
   * past the cap they are only counted. Ending (or being destroyed by a client that went away)
   * records the exchange.
   */
  responseTap(cap: number): Transform {
    const tap = new Transform({
      transform: (chunk: Buffer, _encoding, callback: TransformCallback) => {
        this.responseSize += chunk.length
        if (this.inlineBytes < INLINE_KEPT) {
          const part = chunk.subarray(0, INLINE_KEPT - this.inlineBytes)
          this.inline.push(part)
          this.inlineBytes += part.length
        }
        const room = cap - this.stored
        if (room <= 0 || this.sinkFailed) {
          if (room <= 0) this.truncated = true
          return callback(null, chunk)
        }
        const part = chunk.length > room ? chunk.subarray(0, room) : chunk
        if (chunk.length > room) this.truncated = true
        this.stored += part.length
        this.sink ??= this.services.bodies.openSink(this.id)
        this.sink.write(part).then(
          () => callback(null, chunk),
          (error: unknown) => {
            this.sinkFailed = true
            this.log.error({ err: error }, 'capture body store write failed')
            this.notes.push('The response body could not be kept in full.')
            callback(null, chunk)
          },
        )
      },
      flush: (callback) => {
        this.endedAt = performance.now()
        callback()
      },
    })
    tap.on('close', () => {
      if (this.endedAt === undefined) {
        this.partial = true
        this.error ??= new CourierError('ABORTED', 'The client went away before the whole answer was passed on.')
      }
      void this.finish()
    })
    return tap
  }

  /** Records the exchange once: history (secrets masked), retention, then the bus event. */
  async finish(): Promise<void> {
    if (this.done || this.skip) return
    this.done = true
    try {
      await this.sink?.end()
    } catch (error) {
      this.log.error({ err: error }, 'capture body store end failed')
    }
    const { store, bodies, bus, retention } = this.services
    try {
      const record = this.record()
      const typedHeaders = this.savedHeaders()
      const requestBody = this.requestBody()
      const saved = RequestSpecSchema.parse({
        method: this.method,
        url: this.url,
        headers: typedHeaders.map(([name, value]) => [name, value, true]),
        body: requestBody,
      })
      const sent = RequestSpecSchema.parse({
        ...saved,
        headers: this.sentHeaders.map(([name, value]) => [name, value, true]),
      })
      const recorded = await historyRecordFor(saved, sent, record, this.injected.secretVariables, bodies)
      // A literal credential the mount injects under a name no rule knows (PRIVATE-TOKEN, X-Goog-Api-Key)
      // is masked wherever it reappears, as a secret header's value is.
      const literal = injectedCredentials(this.injected)
      const entry = literal.length ? maskSecrets(recorded.entry, literal) : recorded.entry
      const searchText = literal.length ? maskSecrets(recorded.searchText, literal) : recorded.searchText
      const history = store.historyOf(this.mount.userId)
      await history.append({ ...entry, capture: this.mount.name }, searchText, await bodies.takeSmall(this.id))
      await retention.apply()
      await bus.publish({
        workspaceId: `capture:${this.mount.userId}`,
        kind: 'capture',
        id: this.id,
        version: null,
        action: 'saved',
        by: {
          userId: this.mount.userId,
          name: LOCAL_ACTOR.userId === this.mount.userId ? LOCAL_ACTOR.name : this.mount.name,
        },
        clientId: null,
        instanceId: bus.instanceId,
        at: new Date().toISOString(),
      })
    } catch (error) {
      this.log.error({ err: error }, 'capture record failed')
    } finally {
      bodies.forget(this.id)
    }
  }

  /** The headers history shows as sent: the mount's injected ones as typed (`{{token}}`), the rest as written. */
  private savedHeaders(): Pair[] {
    const injected = new Map(this.injected.resolved.map(([name], index) => [name.toLowerCase(), index]))
    return this.sentHeaders.map(([name, value]): Pair => {
      const index = injected.get(name.toLowerCase())
      return index === undefined ? [name, value] : [name, this.injected.typed[index]![1]]
    })
  }

  private requestBody() {
    if (this.requestSize === 0) return { kind: 'none' as const }
    const kept = Buffer.concat(this.requestKept)
    if (!isTextualContentType(this.requestType))
      return {
        kind: 'raw' as const,
        text: `(${this.requestSize} bytes of ${this.requestType ?? 'binary data'})`,
        contentType: 'text/plain',
      }
    return { kind: 'raw' as const, text: kept.toString('utf8'), contentType: this.requestType ?? 'text/plain' }
  }

  private record(): ResponseRecord {
    const end = this.endedAt ?? performance.now()
    const head = this.head
    const contentType = head?.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? null
    const isText = isTextualContentType(contentType)
    const whole = !this.truncated && !this.partial && this.responseSize <= INLINE_KEPT
    const requestKept = Buffer.concat(this.requestKept)
    if (this.requestSize > this.requestKeptBytes)
      this.notes.push(
        `The request body was ${this.requestSize} bytes; history keeps its first ${this.requestKeptBytes}.`,
      )
    if (this.truncated)
      this.notes.push(
        `The response body was ${this.responseSize} bytes; history keeps its first ${this.stored} (Settings: largest response kept). The client received all of it.`,
      )
    return ResponseRecordSchema.parse({
      id: this.id,
      ok: head !== undefined && !this.partial,
      startedAt: this.startedAt,
      status: head?.status ?? null,
      statusText: head?.statusText ?? '',
      httpVersion: head ? 'HTTP/1.1' : null,
      headers: head?.headers ?? [],
      sizes: {
        headers: (head?.headers ?? []).reduce((sum, [name, value]) => sum + name.length + value.length + 4, 0),
        bodyWire: this.responseSize,
        body: this.responseSize,
      },
      timing: {
        ...(head ? { firstByte: round(head.at - this.t0), download: round(end - head.at) } : {}),
        total: round(end - this.t0),
      },
      body:
        head && this.responseSize > 0
          ? {
              contentType,
              size: this.stored,
              url: responseBodyPath(this.id),
              inline: isText && whole ? Buffer.concat(this.inline).toString('utf8') : null,
              isText,
              truncated: this.truncated,
            }
          : null,
      request: {
        method: this.method,
        url: this.url,
        headers: this.sentHeaders,
        bodySize: this.requestSize,
        ...(this.requestSize > 0 && isTextualContentType(this.requestType)
          ? { bodyPreview: requestKept.subarray(0, PREVIEW).toString('utf8') }
          : {}),
      },
      hops: [],
      attempts: [],
      cookies: [],
      notes: this.notes,
      insecure: false,
      ...(this.partial ? { partial: true } : {}),
      error: this.error
        ? {
            code: this.error.code,
            message: this.error.message,
            ...(this.error.phase ? { phase: this.error.phase } : {}),
          }
        : null,
    })
  }
}
