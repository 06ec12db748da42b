import { METHODS_WITHOUT_BODY } from '../../http-rules.js'
import type { RequestSettings, Row } from '../../request-spec.js'
import type { ImportBuilder } from '../import-builder.js'
import { isRecord } from '../parse-document.js'

/**
 * Postman's protocolProfileBehavior, as postman-runtime applies it: set on the collection, a
 * folder or a request, the innermost value of each key winning (the SDK's
 * getProtocolProfileBehaviorResolved). Absent keys mean postman-runtime's defaults, which differ
 * from Courier's: a GET's body is left out, a 301/302/303 becomes GET, a redirect carries Referer.
 */
export type Behavior = Record<string, unknown>

/** `outer` with the keys `node.protocolProfileBehavior` sets on top. */
export function innerBehavior(outer: Behavior, node: unknown): Behavior {
  const own = isRecord(node) && isRecord(node.protocolProfileBehavior) ? node.protocolProfileBehavior : {}
  return { ...outer, ...own }
}

/** Keys Courier turns into request settings (behaviorSettings) or header rows (disabledSystemHeaders). */
const CARRIED = new Set([
  'followRedirects',
  'maxRedirects',
  'strictSSL',
  'disableCookies',
  'disableBodyPruning',
  'followOriginalHttpMethod',
  'removeRefererHeaderOnRedirect',
  'disabledSystemHeaders',
])

/** Keys whose Postman default Courier already does; only the other value needs saying. */
const NOT_DONE: Record<string, { unless: unknown; why: string }> = {
  followAuthorizationHeader: {
    unless: false,
    why: 'Courier never sends Authorization to another origin on a redirect (docs/security.md#redirects); it is dropped there.',
  },
  disableUrlEncoding: {
    unless: false,
    why: 'Courier always sends the URL percent-encoded as the WHATWG URL standard writes it.',
  },
  insecureHTTPParser: {
    unless: false,
    why: 'Courier’s HTTP client has no lenient parser; an answer with invalid headers fails as malformed.',
  },
  tlsPreferServerCiphers: { unless: false, why: 'Courier leaves TLS cipher order to Node’s defaults.' },
}

/** Postman's own system headers Courier sends too, which a disabled header row of that name removes. */
const REMOVABLE_DEFAULTS: Record<string, string> = {
  'user-agent': 'User-Agent',
  accept: 'Accept',
  'accept-encoding': 'Accept-Encoding',
}
/** System headers Postman sends and Courier never does: disabling them changes nothing. */
const NEVER_SENT = new Set(['cache-control', 'postman-token', 'host'])

/**
 * Reports, where it is written, each protocolProfileBehavior key Courier cannot do, by name.
 * `node` is the collection, a folder or a request as written in the file.
 */
export function reportBehavior(node: unknown, where: string, builder: ImportBuilder): void {
  if (!isRecord(node) || node.protocolProfileBehavior === undefined) return
  const behavior = node.protocolProfileBehavior
  if (!isRecord(behavior)) {
    builder.skip(where, 'protocolProfileBehavior', 'It is not an object; Postman’s defaults were used.')
    return
  }
  for (const [key, value] of Object.entries(behavior)) {
    const known = NOT_DONE[key]
    if (known) {
      if (value !== known.unless) builder.skip(where, `protocolProfileBehavior.${key}`, known.why)
    } else if (key === 'maxRedirects' && typeof value === 'number' && value > 50) {
      builder.skip(where, 'protocolProfileBehavior.maxRedirects', `Courier follows at most 50 redirects, not ${value}.`)
    } else if (key === 'disabledSystemHeaders' && isRecord(value)) {
      const engineOwned = Object.entries(value)
        .filter(([name, off]) => off === true && !REMOVABLE_DEFAULTS[name.toLowerCase()])
        .map(([name]) => name.toLowerCase())
        .filter((name) => !NEVER_SENT.has(name))
      if (engineOwned.length)
        builder.skip(
          where,
          'protocolProfileBehavior.disabledSystemHeaders',
          `Courier always sets ${engineOwned.join(', ')} itself (framing headers follow the body).`,
        )
    } else if (key === 'tlsDisabledProtocols' || key === 'tlsCipherSelection') {
      if (Array.isArray(value) && value.length)
        builder.skip(
          where,
          `protocolProfileBehavior.${key}`,
          'Courier leaves TLS versions and ciphers to Node’s defaults.',
        )
    } else if (!CARRIED.has(key)) {
      builder.skip(where, `protocolProfileBehavior.${key}`, 'Courier does not know this Postman setting.')
    }
  }
}

/**
 * The request settings a resolved protocolProfileBehavior stands for, said only where they
 * change what is sent (so a Courier → Postman → Courier round trip comes back the same).
 * Where Postman differs from Courier without being told: a GET's body is left out
 * (pruneBody), a redirect carries Referer. Not carried: a 301 answering a PUT, PATCH or
 * DELETE becomes GET in Postman and keeps its method in Courier.
 */
export function behaviorSettings(behavior: Behavior, method: string, hasBody: boolean): RequestSettings {
  const out: RequestSettings = {}
  if (typeof behavior.followRedirects === 'boolean') out.followRedirects = behavior.followRedirects
  if (typeof behavior.maxRedirects === 'number' && Number.isFinite(behavior.maxRedirects))
    out.maxRedirects = Math.max(0, Math.min(50, Math.trunc(behavior.maxRedirects)))
  if (typeof behavior.strictSSL === 'boolean') out.verifyTls = behavior.strictSSL
  if (typeof behavior.disableCookies === 'boolean') out.useCookieJar = !behavior.disableCookies
  if (hasBody && METHODS_WITHOUT_BODY.has(method) && behavior.disableBodyPruning !== true) out.pruneBody = true
  if (behavior.followOriginalHttpMethod === true) out.redirectMethod = 'original'
  if (behavior.removeRefererHeaderOnRedirect !== true) out.refererOnRedirect = true
  return out
}

/**
 * disabledSystemHeaders as Courier says it: a disabled header row named like a default removes
 * that default (engine/prepare-request.ts). Rows the request already has for the name are kept.
 */
export function disabledDefaultRows(behavior: Behavior, headers: readonly Row[]): Row[] {
  const off = behavior.disabledSystemHeaders
  if (!isRecord(off)) return []
  const rows: Row[] = []
  for (const [name, disabled] of Object.entries(off)) {
    const header = REMOVABLE_DEFAULTS[name.toLowerCase()]
    if (disabled !== true || !header) continue
    if (headers.some(([n]) => n.toLowerCase() === header.toLowerCase())) continue
    rows.push([header, '', false])
  }
  return rows
}
