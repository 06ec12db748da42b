import type { FastifyInstance, FastifyRequest } from 'fastify'
import { REALTIME_PATH, RealtimeClientMessageSchema, type RealtimeServerMessage } from '@courier/shared'
import type { WebSocket } from 'ws'
import { CourierError } from '../errors.js'
import type { SessionCookie } from '../plugins/session-cookie.js'
import { parseInput } from '../routes/parse-input.js'
import { safeEqual } from '../storage/sessions.js'
import { adapterFor } from './adapters.js'
import { SessionManager } from './session.js'

/** Sessions one page socket may hold at once. */
export const MAX_SESSIONS_PER_SOCKET = 20
/** The largest message a page may send: a 16 MiB message's data plus its envelope. */
export const MAX_MESSAGE_BYTES = 17 * 1024 * 1024

export type RealtimeRoutesOptions = {
  /** The in-process secret (tests' and an embedding CLI's): accepted as the hello token too. */
  token: string
  cookie: SessionCookie
}

const ORIGIN_REQUIRED =
  "A realtime connection is opened by Courier's page, which always names its Origin; this one named none."

/** Whether the hello token is the page's CSRF token (its session cookie's) or the in-process secret. */
async function helloAccepted(request: FastifyRequest, token: string, options: RealtimeRoutesOptions): Promise<boolean> {
  if (safeEqual(token, options.token)) return true
  // A team API token (the gate checked it): no cookie, so no CSRF token either; hello repeats the token.
  if (request.actor?.via === 'token') {
    const bearer = /^Bearer[ ]+(\S+)[ ]*$/i.exec(request.headers.authorization ?? '')?.[1]
    return bearer !== undefined && safeEqual(token, bearer)
  }
  const session = await options.cookie.session(request)
  return session !== null && safeEqual(token, session.csrf)
}

/**
 * GET /api/realtime: the page's one WebSocket, carrying every realtime session it has open
 * (realtime.ts). The security gate checked Host, Origin and the session cookie on the upgrade
 * request; an upgrade without Origin is refused here (browsers always send one). The first
 * message must be `hello` with the page's CSRF token; every message is parsed against the
 * contract, and a bad one is answered with an `error` message, never a dropped socket.
 */
export default async function realtimeRoutes(fastify: FastifyInstance, options: RealtimeRoutesOptions) {
  fastify.get(
    REALTIME_PATH,
    {
      websocket: true,
      onRequest: async (request) => {
        if (request.headers.origin === undefined) throw new CourierError('ORIGIN_NOT_ALLOWED', ORIGIN_REQUIRED)
      },
    },
    (socket: WebSocket, request) => {
      const say = (message: RealtimeServerMessage) => socket.send(JSON.stringify(message))
      const refuse = (code: string, message: string, sessionId?: string) =>
        say({ type: 'error', ...(sessionId ? { sessionId } : {}), error: { code, message } })
      const manager = new SessionManager(socket, {
        services: { ...fastify.services, log: request.log },
        scope: request.scope,
        adapterFor,
        maxSessions: MAX_SESSIONS_PER_SOCKET,
        log: request.log,
      })
      let hello: 'waiting' | 'checking' | 'done' = 'waiting'
      // Messages are handled in order: an `open` right after `hello` waits for the token check.
      let queue: Promise<void> = Promise.resolve()

      const handle = async (raw: Buffer, isBinary: boolean) => {
        if (isBinary) return refuse('REALTIME_MESSAGE_INVALID', 'Courier reads realtime messages as JSON text.')
        let value: unknown
        try {
          value = JSON.parse(raw.toString('utf8'))
        } catch {
          return refuse('REALTIME_MESSAGE_INVALID', 'That realtime message is not JSON.')
        }
        const sessionId =
          typeof value === 'object' &&
          value !== null &&
          typeof (value as { sessionId?: unknown }).sessionId === 'string'
            ? (value as { sessionId: string }).sessionId.slice(0, 64)
            : undefined
        let message
        try {
          message = parseInput(RealtimeClientMessageSchema, value)
        } catch (error) {
          const sentence = error instanceof CourierError ? error.message : 'The message does not match the contract.'
          return refuse('REALTIME_MESSAGE_INVALID', `That realtime message is not valid: ${sentence}`, sessionId)
        }
        if (hello !== 'done') {
          if (message.type !== 'hello') {
            return refuse(
              'REALTIME_HELLO_REQUIRED',
              "The page's first message must be hello with its session token; nothing else is accepted before it.",
              sessionId,
            )
          }
          hello = 'checking'
          if (!(await helloAccepted(request, message.token, options))) {
            hello = 'waiting'
            refuse('REALTIME_HELLO_REQUIRED', 'This page lost its session token; reload it.')
            socket.close(4401, 'hello refused')
            return
          }
          hello = 'done'
          return say({ type: 'ready' })
        }
        await manager.handle(message)
      }

      socket.on('message', (raw: Buffer, isBinary: boolean) => {
        queue = queue
          .then(() => handle(raw, isBinary))
          .catch((error: unknown) => {
            request.log.error({ err: error }, 'realtime message failed')
            refuse('INTERNAL', 'Courier could not handle that realtime message; the server log has the details.')
          })
      })
      socket.on('close', () => manager.closeAll())
      socket.on('error', () => manager.closeAll())
    },
  )
}
