import { headerValue, type Hop, type Pair, type SetCookie } from '@courier/shared'
import { CourierError } from '../errors.js'
import { digestRetry } from './auth/digest-retry.js'
import type { DigestCredentials } from './auth/static-auth.js'
import {
  signRequest,
  withoutSignature,
  type RequestSigner,
  type SignedParts,
  type SigningClock,
} from './auth/sign-request.js'
import type { DestinationPolicy } from './address-policy.js'
import type { BodySink } from '../ports/body-sink.js'
import type { LookupFn } from './connector.js'
import { joinCookies, type CookieSession } from './cookie-session.js'
import { exchange, type ExchangeInput, type ExchangeResult, type OutgoingBody, type ResponseTap } from './exchange.js'
import type { SendSecrets } from './redirect-secrets.js'
import { nextHop } from './redirects.js'
import type { EngineSettings } from './settings.js'

export type HopRequest = {
  method: string
  url: URL
  headers: Pair[]
  body: OutgoingBody
  bodySize: number
  bodyPreview: string | undefined
  digest?: DigestCredentials
  signer?: RequestSigner
  /** What the signature of this exchange added, replaced by the next exchange's. */
  signedParts?: SignedParts
  /** What a redirect to another origin removed from this request (names only). */
  droppedOnRedirect?: string[]
}

export type FollowInput = {
  request: HopRequest
  settings: EngineSettings
  policy: DestinationPolicy
  cookies: CookieSession
  openSink: () => BodySink
  signal: AbortSignal
  inlineLimit: number
  lookup?: LookupFn
  extraCa?: readonly string[]
  /** What never travels to another origin. */
  secrets?: SendSecrets
  /** Where exchanges find each other's kept-alive connections, and under whose name. */
  connections?: Pick<ExchangeInput, 'connections' | 'connectionOwner' | 'recordId'>
  /** Timestamps and nonces of OAuth 1.0 / AWS signatures; real unless a test fixes them. */
  signingClock?: SigningClock
  /** Watches each exchange's head and body as they arrive; `keepPartialOnCancel` keeps a stopped answer. */
  tap?: ResponseTap & Pick<ExchangeInput, 'keepPartialOnCancel'>
}

export type FollowState = {
  /** The request of the last exchange attempted. */
  current: HopRequest
  result: ExchangeResult | undefined
  hops: Hop[]
  cookies: SetCookie[]
  notes: string[]
  /** What arrived of the last exchange when it failed after its headers (a timeout, a reset). */
  partial?: ExchangeResult
}

/** One exchange the send went past (a redirect, or a 401 answered with Digest), as listed under Redirects. */
function hopOf(request: HopRequest, result: ExchangeResult, location: string | null): Hop {
  return {
    request: {
      method: request.method,
      url: request.url.href,
      headers: result.sentHeaders,
      bodySize: request.bodySize,
      ...(result.remoteAddress ? { remoteAddress: result.remoteAddress } : {}),
      ...(request.droppedOnRedirect ? { droppedOnRedirect: request.droppedOnRedirect } : {}),
    },
    status: result.status,
    statusText: result.statusText,
    headers: result.headers,
    location,
    timing: result.timing,
  }
}

function withCookieHeader(headers: Pair[], value: string): Pair[] {
  const without = headers.filter(([name]) => name.toLowerCase() !== 'cookie')
  return value === '' ? without : [...without, ['Cookie', value]]
}

/**
 * One attempt: the exchange and every redirect after it, each hop recorded, the jar consulted
 * for each hop's URL and fed each hop's Set-Cookie. Fills `state` as it goes, so a failure
 * midway still reports the hops that happened. Throws CourierError on failure.
 */
export async function followRedirects(input: FollowInput, state: FollowState): Promise<ExchangeResult> {
  const { settings } = input
  // The person's own Cookie line travels only to the origin they addressed; jar cookies follow their rules.
  const ownCookie = headerValue(input.request.headers, 'cookie') ?? ''
  const origin = input.request.url.origin
  state.current = input.request
  let answeredDigest = false

  for (;;) {
    const jarCookie = await input.cookies.cookieHeaderFor(state.current.url)
    const cookieLine = joinCookies(jarCookie, state.current.url.origin === origin ? ownCookie : '')
    state.current = { ...state.current, headers: withCookieHeader(state.current.headers, cookieLine) }
    if (state.current.signer) {
      const signed = await signRequest(state.current, input.signingClock)
      state.current = signed.request
      if (signed.note && !state.notes.includes(signed.note)) state.notes.push(signed.note)
    }
    state.result = undefined
    state.partial = undefined
    const result = await exchange({
      url: state.current.url,
      method: state.current.method,
      headers: state.current.headers,
      body: state.current.body,
      policy: input.policy,
      allowLinkLocal: settings.allowLinkLocal,
      verifyTls: settings.verifyTls,
      connectTimeoutMs: settings.connectTimeoutMs,
      headersTimeoutMs: Math.min(settings.headersTimeoutMs, settings.timeoutMs),
      bodyTimeoutMs: Math.min(settings.bodyTimeoutMs, settings.timeoutMs),
      maxBodyBytes: settings.maxResponseBytes,
      headLimit: input.inlineLimit,
      sink: input.openSink(),
      signal: input.signal,
      lookup: input.lookup,
      extraCa: input.extraCa,
      onPartial: (partial) => {
        state.partial = partial
      },
      ...input.connections,
      ...input.tap,
      fresh: settings.freshConnection,
    })
    state.result = result
    state.cookies.push(...(await input.cookies.receive(result.headers, state.current.url)))

    // A Digest 401 is answered once per URL and kept as a hop, so both exchanges are shown.
    const digest = answeredDigest ? null : digestRetry(input.request, state.current, result)
    if (digest) {
      state.hops.push(hopOf(state.current, result, null))
      state.notes.push(digest.note)
      answeredDigest = true
      state.current = digest.request
      continue
    }

    const location = headerValue(result.headers, 'location') ?? null
    const next = settings.followRedirects
      ? nextHop(state.current, result.status, location, input.secrets, {
          method: settings.redirectMethod,
          referer: settings.refererOnRedirect,
        })
      : null
    if (!next) return result
    if (next.kind === 'forbidden') {
      throw new CourierError(
        'REDIRECT_FORBIDDEN',
        `The server redirected to ${next.target.slice(0, 200)}, which Courier does not follow (only http and https).`,
        { phase: 'redirect' },
      )
    }
    // The answer past the limit is not a hop: it stays the record's own answer, where the chain stopped.
    const followed = state.hops.filter((hop) => hop.status !== 401)
    if (followed.length >= settings.maxRedirects) {
      const visited = [...state.hops.map((hop) => hop.request.url), state.current.url.href]
      throw new CourierError('TOO_MANY_REDIRECTS', tooManySentence(settings.maxRedirects, next.request.url, visited), {
        phase: 'redirect',
      })
    }
    state.hops.push(hopOf(state.current, result, location))
    // The jar's own cookies follow their rules; only the person's Cookie line counts as dropped.
    const dropped = next.droppedCredentials.filter((name) => name.toLowerCase() !== 'cookie' || ownCookie !== '')
    if (dropped.length) {
      const downgrade =
        state.current.url.protocol === 'https:' && next.request.url.protocol === 'http:'
          ? ' (and from https to plain http)'
          : ''
      state.notes.push(
        `${dropped.join(', ')} not sent to ${next.request.url.origin}: it is a different origin than the one you addressed${downgrade}.`,
      )
    }
    let following: HopRequest = dropped.length ? { ...next.request, droppedOnRedirect: dropped } : next.request
    // Each hop to the origin addressed is signed again (a signature covers one URL and method; Postman
    // sends the first one on); another origin gets neither a signature nor what the last one added.
    if (state.current.signer) {
      following =
        following.url.origin === origin
          ? { ...following, signer: state.current.signer, signedParts: state.current.signedParts }
          : withoutSignature({ ...following, signedParts: state.current.signedParts })
    }
    state.current = following
    answeredDigest = false
  }
}

const ORDINALS = [
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'eleventh',
]

/** Why the chain stopped, counted right: a loop names the URL seen twice, a long chain says how to raise the limit. */
function tooManySentence(limit: number, target: URL, visited: readonly string[]): string {
  const count = `${limit} redirect${limit === 1 ? '' : 's'}`
  const listed = 'the chain is listed under Redirects.'
  if (limit === 0) {
    return `The server redirected to ${target.href.slice(0, 200)}, and "Max redirects" is 0 for this request, so Courier did not follow it; ${listed}`
  }
  if (visited.includes(target.href)) {
    const nth = ORDINALS[limit] ?? `redirect number ${limit + 1}`
    return `The server redirected in a loop: ${target.href.slice(0, 200)} was already requested in this chain. Courier followed ${count}, its limit, and stopped at the ${nth}; ${listed}`
  }
  return `Courier followed ${count}, its limit, and stopped at the next one (to ${target.href.slice(0, 200)}). Raise "Maximum redirects" in this request's Settings tab if the chain is meant to be longer; ${listed}`
}
