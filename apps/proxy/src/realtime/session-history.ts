import {
  ErrorCodeSchema,
  FRAMES_CONTENT_TYPE,
  REALTIME_BADGES,
  responseBodyPath,
  type Frame,
  type Pair,
  type RealtimeHandshake,
  type RequestSpec,
  type ResponseRecord,
} from '@courier/shared'
import { newId } from '../ids.js'
import type { BodySink } from '../ports/body-sink.js'
import { issuedSecrets, knownSecrets } from '../send/known-secrets.js'
import { maskSecrets, type SecretValue } from '../send/mask-secrets.js'
import type { SendServices } from '../send/perform-send.js'
import { historyRecordFor } from '../send/record-exchange.js'
import type { Scope } from '../team/scope.js'
import type { SessionEnd } from './adapter.js'

/** What an adapter prepared (prepare-upstream.ts): the request as sent and where it went. */
export type PreparedInfo = {
  /** The URL as executed (ws(s) or http(s)). */
  url: string
  /** The request after variables, inheritance and OAuth. */
  sent: RequestSpec
  /** The handshake's headers as Courier wrote them. */
  headers: Pair[]
  secretVariables: { name: string; value: string }[]
  notes: string[]
  insecure: boolean
}

/** Frame lines are written to the body store in chunks of about this many bytes. */
const WRITE_CHUNK = 64 * 1024

const round = (ms: number) => Math.round(ms * 100) / 100

/**
 * One session as a history entry (as a send is, send/record-exchange.ts): the request masked as
 * sends are, a ResponseRecord with the handshake and timing, and the frames as JSON lines
 * (FRAMES_CONTENT_TYPE) streamed to the body store as they come, every known secret value masked
 * in them — what the request carried, a secret variable, a token a frame hands out.
 */
export class SessionHistory {
  readonly id = newId()
  private info: PreparedInfo | undefined
  private handshake: RealtimeHandshake | undefined
  private readonly startedAt = new Date()
  private readonly started = performance.now()
  private openedAt: number | undefined
  private sink: BodySink | undefined
  private written: Promise<void> = Promise.resolve()
  private writeFailed = false
  private lines: string[] = []
  private lineBytes = 0
  private writeScheduled = false
  private bytes = 0
  private wireBytes = 0
  private secrets: SecretValue[] = []
  private readonly seen = new Set<string>()

  constructor(
    private readonly saved: RequestSpec,
    private readonly services: SendServices,
    private readonly scope: Scope,
  ) {}

  private addSecrets(values: readonly SecretValue[]): void {
    for (const value of values) {
      const text = typeof value === 'string' ? value : value.value
      if (text.length < 3 || this.seen.has(text)) continue
      this.seen.add(text)
      this.secrets.push(value)
    }
  }

  prepared(info: PreparedInfo): void {
    this.info = info
    const stub = this.record({}, 0)
    this.addSecrets(info.secretVariables)
    this.addSecrets(knownSecrets(info.sent, stub, []))
    this.sink = this.services.bodies.openSink(this.id)
  }

  opened(handshake: RealtimeHandshake): void {
    this.handshake = handshake
    this.openedAt = performance.now()
    const cookies = handshake.responseHeaders
      .filter(([name]) => name.toLowerCase() === 'set-cookie')
      .map(([, value]) => value.split(';')[0]!.split('=').slice(1).join('=').trim())
    this.addSecrets(cookies)
  }

  frame(frame: Frame, size: number): void {
    this.wireBytes += size
    if (!this.sink || this.writeFailed) return
    if (frame.encoding === 'utf8' && frame.data.includes('"')) this.addSecrets(issuedSecrets(frame.data))
    const line = `${JSON.stringify(this.secrets.length ? maskSecrets(frame, this.secrets) : frame)}\n`
    this.lines.push(line)
    this.lineBytes += line.length
    // Lines go to the body store in chunks: at 64 KiB, or once per event-loop turn.
    if (this.lineBytes >= WRITE_CHUNK) this.writeLines()
    else if (!this.writeScheduled) {
      this.writeScheduled = true
      setImmediate(() => {
        this.writeScheduled = false
        this.writeLines()
      })
    }
  }

  private writeLines(): void {
    const sink = this.sink
    if (!sink || this.lines.length === 0) return
    const chunk = Buffer.from(this.lines.join(''), 'utf8')
    this.lines = []
    this.lineBytes = 0
    this.bytes += chunk.length
    this.written = this.written.then(() =>
      this.writeFailed
        ? undefined
        : sink.write(chunk).catch((error: unknown) => {
            this.writeFailed = true
            this.services.log.error({ err: error }, 'realtime frames could not be stored')
          }),
    )
  }

  private record(closing: SessionEnd, dropped: number): ResponseRecord {
    const info = this.info!
    const handshake = this.handshake ?? closing.handshake
    const now = performance.now()
    const notes = [...info.notes]
    if (dropped > 0) notes.push(`${dropped} frames past the frame cap (Settings › Realtime) were counted, not kept.`)
    if (closing.code !== undefined)
      notes.push(`Closed with code ${closing.code}${closing.reason ? ` (${closing.reason})` : ''}.`)
    return {
      id: this.id,
      ok: !closing.error,
      startedAt: this.startedAt.toISOString(),
      status: handshake?.status ?? null,
      statusText: handshake?.statusText ?? '',
      httpVersion: handshake?.status !== undefined ? '1.1' : null,
      headers: handshake?.responseHeaders ?? [],
      sizes: { headers: 0, bodyWire: this.wireBytes, body: this.bytes },
      timing: {
        ...(this.openedAt !== undefined ? { connect: round(this.openedAt - this.started) } : {}),
        total: round(now - this.started),
      },
      body: {
        contentType: FRAMES_CONTENT_TYPE,
        size: this.bytes,
        url: responseBodyPath(this.id),
        inline: null,
        isText: true,
        truncated: dropped > 0 || this.writeFailed,
      },
      request: {
        method: 'GET',
        url: handshake?.url ?? info.url,
        headers: handshake?.requestHeaders.length ? handshake.requestHeaders : info.headers,
        bodySize: 0,
        ...(handshake?.remoteAddress ? { remoteAddress: handshake.remoteAddress } : {}),
      },
      hops: [],
      attempts: [],
      cookies: [],
      notes,
      insecure: info.insecure,
      error: closing.error
        ? {
            code: ErrorCodeSchema.safeParse(closing.error.code).data ?? 'REALTIME_UPSTREAM_ERROR',
            message: closing.error.message,
          }
        : null,
    }
  }

  /** Writes the entry once the session ended; its id, or undefined when the session never got as far as connecting. */
  async keep(closing: SessionEnd, dropped: number): Promise<string | undefined> {
    if (!this.info || !this.sink) return undefined
    this.writeLines()
    await this.written
    await this.sink.end()
    const record = this.record(closing, dropped)
    const { entry, searchText } = await historyRecordFor(
      this.saved,
      this.info.sent,
      record,
      this.info.secretVariables,
      this.services.bodies,
    )
    const kind = this.saved.realtime?.kind
    // Kept under its badge (WS, SIO, GQL) as the method, so history lists it by kind.
    const kept = kind && kind !== 'sse' ? { ...entry, method: REALTIME_BADGES[kind] } : entry
    await this.scope.history.append(kept, searchText, await this.services.bodies.takeSmall(this.id))
    await this.services.retention.apply()
    return this.id
  }

  /** Lets go of a small body held for an entry that was not (or was already) written. */
  discard(): void {
    this.services.bodies.forget(this.id)
  }
}
