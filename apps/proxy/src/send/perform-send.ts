import { statusForCode, type RequestSpec, type ResponseRecord, type SendInputSchema } from '@courier/shared'
import type { z } from 'zod'
import { sendRequest } from '../engine/send-request.js'
import { engineSettingsFrom } from '../engine/settings.js'
import { buildFileBody } from '../engine/file-body.js'
import { newId } from '../ids.js'
import type { AppSettingsService } from '../storage/app-settings.js'
import type { BodyStore } from '../storage/body-store.js'
import type { CookieJars } from '../storage/cookie-jars.js'
import type { FileStore } from '../storage/file-store.js'
import type { Store } from '../storage/store.js'
import { applyCaptures } from './apply-captures.js'
import { maskSecrets, type SecretValue } from './mask-secrets.js'
import type { Outbound } from './outbound.js'
import { historyRecordFor } from './record-exchange.js'
import { resolveRequest } from './resolve-request.js'
import type { Retention } from './retention.js'
import { concurrencyLimitError, type SendSlots } from './send-slots.js'

/** A send as the contract parses it: the request, the active environment, the saved item it belongs to. */
export type PerformSendInput = z.infer<typeof SendInputSchema>

/** Textual response bodies up to this size travel inline in the record. */
const INLINE_LIMIT = 256 * 1024

/** Where a send's OAuth 2 auth becomes a token (fetched or refreshed first when needed). */
export interface RequestAuthorizer {
  authorize(spec: RequestSpec, environmentId: string | undefined): Promise<RequestSpec>
}

/** Everything a send needs, passed in: no HTTP server, no globals. */
export type SendServices = {
  store: Store
  bodies: BodyStore
  files: FileStore
  cookieJars: CookieJars
  settings: AppSettingsService
  oauth: RequestAuthorizer
  outbound: Outbound
  retention: Retention
  sendSlots: SendSlots
  /** Where problems that do not fail the send (captures, history) are logged. */
  log: { error(details: { err: unknown }, message: string): void }
}

export type SendOptions = {
  /** Cancelled by the person (the Cancel button, a closed connection). */
  signal?: AbortSignal
}

/** A finished send: the record as shown (secret values masked) and the HTTP status that answers it. */
export type SendOutcome = { record: ResponseRecord; httpStatus: number }

/**
 * One send, the same for the browser, the CLI runner and (next) scripts: variables resolved,
 * inherited auth and headers applied, OAuth tokens fetched, the engine's exchange, captures
 * written, secrets masked, history recorded, retention applied. Invalid input throws a
 * CourierError before anything is sent or stored; once sending started, every outcome is a record.
 */
export async function performSend(
  input: PerformSendInput,
  services: SendServices,
  options: SendOptions = {},
): Promise<SendOutcome> {
  // Every send holds one of the server's slots until its record is built, a cancelled one too.
  const limit = (await services.settings.get()).send.maxConcurrentSends
  const slot = services.sendSlots.tryAcquire(limit)
  if (!slot) throw concurrencyLimitError(limit)
  try {
    return await sendHoldingSlot(input, services, options)
  } finally {
    slot.release()
  }
}

/**
 * The answer's HTTP status: 200 when the target's final answer is in the record (whole, or cut
 * at the size limit the person chose); the error's own status otherwise — a failure before any
 * answer, a redirect loop (its last 3xx is not the answer), a timeout that kept only part.
 */
function answerStatus(record: ResponseRecord): number {
  if (record.ok || !record.error) return 200
  if (record.error.code === 'RESPONSE_TOO_LARGE' && record.status !== null) return 200
  return statusForCode(record.error.code)
}

/**
 * The record as the person sees it live: the response (status, headers, body, cookies, each hop's
 * answer) exactly as received; what Courier sent, its notes and error with every secret
 * variable's value shown as `{{name}}`.
 */
function requestSideMasked(record: ResponseRecord, secrets: readonly SecretValue[]): ResponseRecord {
  return {
    ...record,
    request: maskSecrets(record.request, secrets),
    hops: record.hops.map((hop) => ({ ...hop, request: maskSecrets(hop.request, secrets) })),
    notes: maskSecrets(record.notes, secrets),
    error: maskSecrets(record.error, secrets),
  }
}

async function sendHoldingSlot(
  input: PerformSendInput,
  services: SendServices,
  options: SendOptions,
): Promise<SendOutcome> {
  const id = newId()
  const resolved = await resolveRequest(services.store, input)
  const authorized = await services.oauth.authorize(resolved.spec, input.environmentId)
  const record = await sendRequest(authorized, {
    id,
    policy: services.outbound.policy,
    defaults: engineSettingsFrom((await services.settings.get()).send),
    userAgent: services.outbound.userAgent,
    openSink: () => services.bodies.openSink(id),
    buildFileBody: (body) => buildFileBody(body, services.files),
    cookieJar: await services.cookieJars.get(),
    onCookieJarChange: () => void services.cookieJars.persist(),
    signal: options.signal,
    inlineLimit: INLINE_LIMIT,
    extraCa: services.outbound.extraCa,
    secretValues: resolved.secrets,
  })

  record.notes.unshift(...resolved.notes)
  if (record.error?.code === 'ABORTED') {
    await services.bodies.remove(id)
    return { record, httpStatus: 400 }
  }
  try {
    await applyCaptures(services, input.request.captures, record, input.environmentId)
  } catch (error) {
    services.log.error({ err: error }, 'captures failed')
    record.notes.push('The response captures could not be saved.')
  }
  // The answer is what the target sent; the request side shows secret variables as `{{name}}`.
  const shown = requestSideMasked(record, resolved.secretVariables)
  try {
    const { entry, searchText } = await historyRecordFor(
      input.request,
      authorized,
      record,
      resolved.secretVariables,
      services.bodies,
    )
    await services.store.history.append(entry, searchText)
    await services.retention.apply()
  } catch (error) {
    services.log.error({ err: error }, 'history append failed')
    shown.notes.push('This exchange could not be saved to history.')
  }
  return { record: shown, httpStatus: answerStatus(shown) }
}
