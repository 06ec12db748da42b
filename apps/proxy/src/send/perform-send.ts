import {
  statusForCode,
  type Scope as VariableScope,
  type RequestSpec,
  type ResponseRecord,
  type SendInputSchema,
} from '@courier/shared'
import type { z } from 'zod'
import { sendRequest, type SendContext } from '../engine/send-request.js'
import type { ConnectionPools } from '../engine/connection-pools.js'
import { engineSettingsFrom } from '../engine/settings.js'
import { buildFileBody } from '../engine/file-body.js'
import { newId } from '../ids.js'
import type { AppSettingsService } from '../storage/app-settings.js'
import type { OAuthCaller } from '../oauth/token-owner.js'
import type { BodyStore } from '../storage/body-store.js'
import { jarOf, type CookieJars } from '../storage/cookie-jars.js'
import type { FileStore } from '../storage/file-store.js'
import { LOCAL_USER_ID } from '../storage/local-identity.js'
import type { Store } from '../storage/store.js'
import { localScope, type Scope } from '../team/scope.js'
import { applyCaptures } from './apply-captures.js'
import { maskSecrets, type SecretValue } from './mask-secrets.js'
import type { Outbound } from './outbound.js'
import { historyRecordFor } from './record-exchange.js'
import { resolveRequest } from './resolve-request.js'
import type { Retention } from './retention.js'
import { concurrencyLimitError, type SendSlots } from './send-slots.js'
import type { UserSendLimits } from './user-limits.js'

/** A send as the contract parses it: the request, the active environment, the saved item it belongs to. */
export type PerformSendInput = z.infer<typeof SendInputSchema>

/** Textual response bodies up to this size travel inline in the record. */
const INLINE_LIMIT = 256 * 1024

/** Where a send's OAuth 2 auth becomes a token (fetched or refreshed first when needed). */
export interface RequestAuthorizer {
  /** `caller`: whose token (team mode: each person's own). */
  authorize(spec: RequestSpec, environmentId: string | undefined, caller?: OAuthCaller): Promise<RequestSpec>
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
  /** Team mode: each person's sends per minute and at once, counted across instances (absent: no such limits). */
  userLimits?: UserSendLimits
  /** Where problems that do not fail the send (captures, history) are logged. */
  log: { error(details: { err: unknown }, message: string): void }
  /** Kept-alive upstream connections; absent: a fresh connection per exchange. */
  connections?: ConnectionPools
}

export type SendOptions = {
  /** Cancelled by the person (the Cancel button, a closed connection). */
  signal?: AbortSignal
  /** Who sends, in which workspace: whose collections and variables resolve, whose history records it. The local user's by default. */
  scope?: Scope
  /** Variables in front of the stored ones (a script's pm.variables, a run's iteration data and in-memory values). */
  overlay?: VariableScope[]
  /** Where captures write instead of the store (a run that keeps its variable changes to itself). */
  captureWrite?: (target: string, name: string, value: string) => Promise<{ name: string }>
} & Pick<SendContext, 'onResponseHead' | 'onBodyChunk' | 'openEnded'>

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
  // A team server's per-person limits first (the sender's lease), then one of the server's slots;
  // both are held until the record is built, a cancelled send's too.
  const actor = (options.scope ?? localScope(services.store)).actor
  const lease = await services.userLimits?.acquire(actor.userId)
  try {
    const limit = (await services.settings.get()).send.maxConcurrentSends
    const slot = services.sendSlots.tryAcquire(limit)
    if (!slot) throw concurrencyLimitError(limit)
    try {
      return await sendHoldingSlot(input, services, options)
    } finally {
      slot.release()
    }
  } finally {
    await lease?.release().catch((error: unknown) => services.log.error({ err: error }, 'send lease release failed'))
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
  try {
    return await sendWithId(id, input, services, options)
  } finally {
    // Whatever happened, a small body the send held and did not put into history is dropped.
    services.bodies.forget(id)
  }
}

async function sendWithId(
  id: string,
  input: PerformSendInput,
  services: SendServices,
  options: SendOptions,
): Promise<SendOutcome> {
  const scope = options.scope ?? localScope(services.store)
  // Whose current values: the sender's, in the scope's workspace.
  const current = services.store.currentValues(scope.workspaceId, scope.actor.userId)
  const resolved = await resolveRequest(scope.data, input, current, options.overlay)
  const authorized = await services.oauth.authorize(resolved.spec, input.environmentId, {
    userId: scope.actor.userId,
    workspaceId: scope.workspaceId,
  })
  const record = await sendRequest(authorized, {
    id,
    policy: services.outbound.policy,
    defaults: engineSettingsFrom((await services.settings.get()).send),
    userAgent: services.outbound.userAgent,
    openSink: () => services.bodies.openSink(id),
    buildFileBody: (body) => buildFileBody(body, services.files),
    // The sender's own jar (team mode: one per person).
    cookieJar: await services.cookieJars.get(jarOf(scope.actor.userId)),
    onCookieJarChange: () => void services.cookieJars.persist(jarOf(scope.actor.userId)),
    signal: options.signal,
    inlineLimit: INLINE_LIMIT,
    extraCa: services.outbound.extraCa,
    secretValues: resolved.secrets,
    connections: services.connections,
    connectionOwner: scope.actor.userId,
    // What was sent shows secret variables as `{{name}}`, as in the record.
    onResponseHead: options.onResponseHead
      ? (head) =>
          options.onResponseHead!({
            ...head,
            url: maskSecrets(head.url, resolved.secretVariables),
            sentHeaders: maskSecrets(head.sentHeaders, resolved.secretVariables),
          })
      : undefined,
    onBodyChunk: options.onBodyChunk,
    openEnded: options.openEnded,
  })

  record.notes.unshift(...resolved.notes)
  // A cancelled send is forgotten; a stopped open-ended one (an event stream) keeps what arrived.
  if (record.error?.code === 'ABORTED' && !record.partial) {
    await services.bodies.remove(id)
    return { record, httpStatus: 400 }
  }
  try {
    await applyCaptures(
      {
        store: scope.data,
        bodies: services.bodies,
        current,
        into: scope.actor.userId === LOCAL_USER_ID ? 'shared' : 'current',
        ...(options.captureWrite ? { write: options.captureWrite } : {}),
      },
      input.request.captures,
      record,
      input.environmentId,
    )
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
    // A small body goes into the entry's row (one write per send), a larger one is in the body store.
    await scope.history.append(entry, searchText, await services.bodies.takeSmall(id))
    await services.retention.apply()
  } catch (error) {
    services.log.error({ err: error }, 'history append failed')
    shown.notes.push('This exchange could not be saved to history.')
  }
  return { record: shown, httpStatus: answerStatus(shown) }
}
