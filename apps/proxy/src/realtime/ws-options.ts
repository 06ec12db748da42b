import type { ClientOptions } from 'ws'
import { CourierError } from '../errors.js'
import type { PreparedUpstream } from './prepare-upstream.js'
import { headerObject } from './prepare-upstream.js'

/** The largest frame (message) accepted from an upstream: a bigger one closes the session with 1009. */
export const MAX_INCOMING_FRAME_BYTES = 16 * 1024 * 1024

/** The `ws` error code for a frame past `maxPayload` (ws/lib/receiver.js). */
export const FRAME_TOO_LARGE = 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'

/** The sentence a frame past the limit closes the session with. */
export function frameTooLargeSentence(maxPayload = MAX_INCOMING_FRAME_BYTES): string {
  return `The server sent a frame larger than the ${Math.round(maxPayload / 1024 / 1024)} MiB size limit; the session was closed (1009).`
}

/**
 * The options of every `ws` client Courier opens upstream (WebSocket, GraphQL, Socket.IO's
 * WebSocket transport): the policy agent, the handshake's headers, no redirects (a redirect
 * would leave the destination policy's checks behind), compression, the frame size limit, and a
 * handshake timeout from the request's connect timeout.
 */
export function wsClientOptions(
  upstream: Pick<PreparedUpstream, 'policy' | 'headers' | 'settings'>,
  overrides: { maxPayload?: number } = {},
): ClientOptions & { headers: Record<string, string> } {
  return {
    agent: upstream.policy.agent,
    headers: headerObject(upstream.headers),
    followRedirects: false,
    perMessageDeflate: true,
    maxPayload: overrides.maxPayload ?? MAX_INCOMING_FRAME_BYTES,
    handshakeTimeout: upstream.settings.connectTimeoutMs + 30_000,
  }
}

/** RFC 7230 token characters, what a Sec-WebSocket-Protocol value is made of (RFC 6455 §4.1). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

/** Refuses subprotocols `ws` would throw on (not a token, or named twice), with a sentence naming the one. */
export function checkSubprotocols(protocols: readonly string[]): void {
  const seen = new Set<string>()
  for (const protocol of protocols) {
    if (!TOKEN.test(protocol)) {
      throw new CourierError(
        'INVALID_REQUEST',
        `The subprotocol ${JSON.stringify(protocol)} is not valid: a subprotocol is one word of letters, digits and !#$%&'*+-.^_\`|~ (no spaces or commas).`,
        { field: 'realtime.subprotocols' },
      )
    }
    if (seen.has(protocol)) {
      throw new CourierError(
        'INVALID_REQUEST',
        `The subprotocol ${JSON.stringify(protocol)} is listed twice; list it once.`,
        {
          field: 'realtime.subprotocols',
        },
      )
    }
    seen.add(protocol)
  }
}

/** The error a GraphQL subscription's `send` throws: it carries no messages. */
export function noMessagesError(): CourierError {
  return new CourierError(
    'REALTIME_MESSAGE_INVALID',
    'A GraphQL subscription takes no messages; its operation is the body.',
  )
}
