import { newReport, resolveText, type Pair, type RealtimeKind, type RequestSpec } from '@courier/shared'
import { CourierError } from '../errors.js'
import type { ConnectorOptions } from '../engine/connector.js'
import { prepareRequest } from '../engine/prepare-request.js'
import { CookieSession } from '../engine/cookie-session.js'
import { engineSettingsFrom, resolveSettings, type EngineSettings } from '../engine/settings.js'
import { jarOf } from '../storage/cookie-jars.js'
import { maskSecrets } from '../send/mask-secrets.js'
import { resolveRequest } from '../send/resolve-request.js'
import type { AdapterOpen } from './adapter.js'
import { policyAgent, type PolicyAgent } from './policy-agent.js'

/** A realtime upstream ready to connect: the URL as executed, the headers as sent, the agent that checks the destination. */
export type PreparedUpstream = {
  /** ws(s):// for WebSocket and GraphQL, http(s):// for Socket.IO: what actually connects. */
  url: URL
  /** Every header as sent on the handshake (Host and the WebSocket ones are the client library's). */
  headers: Pair[]
  /** The request after variables, inheritance and OAuth: what history's known secrets come from. */
  sent: RequestSpec
  /** The secret variables the request used, to mask where a resolved value is shown (a GraphQL operation). */
  secretVariables: { name: string; value: string }[]
  settings: EngineSettings
  policy: PolicyAgent
  /**
   * A composer message with its `{{variables}}` resolved from the request's scopes: `text` goes on
   * the wire, `shown` (the timeline's) reads `{{name}}` where a secret variable's value went.
   */
  resolveMessage(text: string): { text: string; shown: string }
  /** Stores the handshake answer's Set-Cookie lines in the sender's jar (when the request uses it). */
  receiveCookies(headers: readonly Pair[]): Promise<void>
}

/** Headers a WebSocket handshake has no use for (no body to encode), or its library writes itself. */
const DROPPED = new Set(['host', 'accept-encoding', 'content-length', 'content-type', 'connection', 'upgrade'])

const SCHEMES: Record<RealtimeKind, readonly string[]> = {
  websocket: ['ws:', 'wss:'],
  graphql: ['ws:', 'wss:', 'http:', 'https:'],
  socketio: ['ws:', 'wss:', 'http:', 'https:'],
  sse: ['http:', 'https:'],
}

/** `ws://x` → `http://x` (and wss → https), the form prepareRequest checks; anything else unchanged. */
function asHttp(text: string): string {
  return text.trim().replace(/^ws(s?):\/\//i, (_m, s: string) => `http${s}://`)
}

function schemeOf(text: string): string | undefined {
  return /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(text.trim())?.[1]?.toLowerCase().concat(':')
}

/**
 * The upstream of one session, shaped as a send is (send/perform-send.ts): inherited auth and
 * headers from the saved item's collection and folders, `{{variables}}` resolved (the sender's
 * current values), OAuth 2 tokens fetched, path and query params, the Auth tab's header or
 * query parameter, cookies (the typed ones and the sender's jar), the engine's header checks —
 * then the scheme mapped back to what connects, and an agent under the destination policy.
 */
export async function prepareUpstream(open: AdapterOpen): Promise<PreparedUpstream> {
  const { input, realtime, services, scope } = open
  const request =
    realtime.kind === 'graphql'
      ? { ...input.request, url: realtime.subscriptionUrl.trim() || input.request.url }
      : input.request
  const scheme = schemeOf(request.url)
  if (scheme && !SCHEMES[realtime.kind].includes(scheme)) {
    throw new CourierError(
      'URL_SCHEME_UNSUPPORTED',
      `${scheme}// URLs cannot be opened as a ${realtime.kind === 'websocket' ? 'WebSocket; use ws:// or wss://' : `${realtime.kind} session; use ${SCHEMES[realtime.kind].map((s) => `${s}//`).join(', ')}`}.`,
      { field: 'url', phase: 'validate' },
    )
  }

  const current = services.store.currentValues(scope.workspaceId, scope.actor.userId)
  const resolved = await resolveRequest(scope.data, { ...input, request }, current)
  const sent = await services.oauth.authorize(resolved.spec, input.environmentId, {
    userId: scope.actor.userId,
    workspaceId: scope.workspaceId,
  })
  const resolvedScheme = schemeOf(sent.url)
  if (realtime.kind === 'websocket' && resolvedScheme !== 'ws:' && resolvedScheme !== 'wss:') {
    throw new CourierError('URL_SCHEME_UNSUPPORTED', 'A WebSocket URL starts with ws:// or wss://.', {
      field: 'url',
      phase: 'validate',
    })
  }
  // The engine's own checks (URL, headers, auth, cookies) run on the http(s) form of the URL.
  const prepared = await prepareRequest(
    { ...sent, method: 'GET', url: asHttp(sent.url), body: { kind: 'none' } },
    { userAgent: services.outbound.userAgent },
  )
  const notes = [...resolved.notes, ...prepared.notes]
  if (prepared.signer || prepared.digest) {
    notes.push('Digest, OAuth 1.0 and AWS Signature auth are not applied to realtime sessions.')
  }
  const settings = resolveSettings(sent.settings, engineSettingsFrom((await services.settings.get()).send))

  const url = new URL(prepared.url.href)
  const wantsWs = realtime.kind === 'websocket' || realtime.kind === 'graphql'
  if (wantsWs) url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'

  let headers = prepared.headers.filter(([name]) => !DROPPED.has(name.toLowerCase()))
  const jarName = jarOf(scope.actor.userId)
  const jar = settings.useCookieJar ? await services.cookieJars.get(jarName) : null
  const cookies = new CookieSession(jar, () => void services.cookieJars.persist(jarName))
  if (jar) {
    const fromJar = await jar.getCookieString(prepared.url.href, { http: true })
    if (fromJar) {
      const own = headers.find(([name]) => name.toLowerCase() === 'cookie')
      headers = own
        ? headers.map((pair): Pair => (pair === own ? ['Cookie', `${fromJar}; ${own[1]}`] : pair))
        : [...headers, ['Cookie', fromJar]]
    }
  }

  const connector: ConnectorOptions = {
    policy: services.outbound.policy,
    allowLinkLocal: settings.allowLinkLocal,
    verifyTls: settings.verifyTls,
    connectTimeoutMs: settings.connectTimeoutMs,
    extraCa: services.outbound.extraCa,
  }
  const secure = url.protocol === 'https:' || url.protocol === 'wss:'
  // Messages may use any secret variable in scope: the stored frames mask every one of them.
  const secretVariables = [...resolved.secretVariables]
  for (const scope of resolved.scopes)
    for (const variable of scope.variables)
      if (
        variable.enabled &&
        variable.secret &&
        variable.value &&
        !secretVariables.some((v) => v.name === variable.name)
      )
        secretVariables.push({ name: variable.name, value: variable.value })
  open.sink.prepared?.({
    url: url.href,
    sent,
    headers,
    secretVariables,
    notes,
    insecure: !settings.verifyTls,
  })
  return {
    url,
    headers,
    sent,
    secretVariables: resolved.secretVariables,
    settings,
    policy: policyAgent(secure, connector),
    async receiveCookies(answer) {
      await cookies.receive(answer, prepared.url)
    },
    resolveMessage(text) {
      const report = newReport()
      const resolvedText = resolveText(text, resolved.scopes, report)
      const secrets = report.used.filter((u) => u.secret && u.value !== '').map(({ name, value }) => ({ name, value }))
      return { text: resolvedText, shown: secrets.length ? maskSecrets(resolvedText, secrets) : resolvedText }
    },
  }
}

/** Headers as a plain object for the client libraries (a repeated name joined, as HTTP allows). */
export function headerObject(headers: readonly Pair[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of headers) out[name] = name in out ? `${out[name]}, ${value}` : value
  return out
}
