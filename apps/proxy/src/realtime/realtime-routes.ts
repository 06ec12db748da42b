import type { FastifyInstance, FastifyRequest } from 'fastify'
import { REALTIME_PATH, RealtimeClientMessageSchema, type RealtimeServerMessage } from '@courier/shared'
import type { WebSocket } from 'ws'
import { CourierError } from '../errors.js'
import type { SessionCookie } from '../plugins/session-cookie.js'
import { parseInput } from '../routes/parse-input.js'
import { safeEqual } from '../storage/sessions.js'
import { WORKSPACE_NOT_FOUND } from '../plugins/workspace-scope.js'
import { adapterFor } from './adapters.js'
import { SessionManager, type AccessCheck } from './session.js'

/** Sessions one page socket may hold at once. */
export const MAX_SESSIONS_PER_SOCKET = 20
/** The largest message a page may send: a 16 MiB message's data plus its envelope. */
export const MAX_MESSAGE_BYTES = 17 * 1024 * 1024

export type RealtimeRoutesOptions = {
  /** The in-process secret (tests' and an embedding CLI's): accepted as the hello token too. */
  token: string
  cookie: SessionCookie
  /** The page socket is pinged this often; one that has not answered the last ping by the next is ended (30 s). */
  heartbeatMs?: number
  /** Tests shorten the page's back-pressure marks (session.ts). */
  highWaterBytes?: number
  maxPendingBytes?: number
}

/** The close code of a page socket whose person lost access (removed from the workspace, signed out). */
export const ACCESS_LOST_CLOSE = 4403

/**
 * Team mode: whether the page's person still belongs to the socket's workspace, and its session
 * cookie still counts, checked again on every `open` (as workspace-scope.ts checks every request).
 */
function accessCheck(
  fastify: FastifyInstance,
  request: FastifyRequest,
  options: RealtimeRoutesOptions,
): AccessCheck | undefined {
  const { actor, workspaceId } = request.scope
  if (actor.via === 'local') return undefined
  return async () => {
    if (actor.via === 'session' && (await options.cookie.current(request)) === null)
      return {
        code: 'UNAUTHORIZED',
        message: 'Your session ended (signed out or expired); sign in again and reload the page.',
      }
    const role = await fastify.store.memberships.roleOf(workspaceId, actor.userId)
    if (!role) return { code: 'NOT_FOUND', message: WORKSPACE_NOT_FOUND }
    return undefined
  }
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
      const checkAccess = accessCheck(fastify, request, options)
      const manager = new SessionManager(socket, {
        services: { ...fastify.services, log: request.log },
        scope: request.scope,
        adapterFor,
        maxSessions: MAX_SESSIONS_PER_SOCKET,
        log: request.log,
        ...(checkAccess ? { checkAccess } : {}),
        onAccessLost: () => socket.close(ACCESS_LOST_CLOSE, 'access lost'),
        ...(options.highWaterBytes !== undefined ? { highWaterBytes: options.highWaterBytes } : {}),
        ...(options.maxPendingBytes !== undefined ? { maxPendingBytes: options.maxPendingBytes } : {}),
      })
      let hello: 'waiting' | 'checking' | 'done' = 'waiting'
      // Messages are taken in order, and only `hello` is waited for: an `open` right after it waits
      // for the token check; an `open` itself goes on by itself, holding up nothing after it.
      let queue: Promise<void> = Promise.resolve()
      const failed = (error: unknown) => {
        request.log.error({ err: error }, 'realtime message failed')
        refuse('INTERNAL', 'Courier could not handle that realtime message; the server log has the details.')
      }

      // The page's heartbeat: a socket that stopped answering (a sleeping laptop, a lost network) is ended.
      let alive = true
      socket.on('pong', () => (alive = true))
      const heartbeat = setInterval(() => {
        if (!alive) return socket.terminate()
        alive = false
        socket.ping()
      }, options.heartbeatMs ?? 30_000)
      heartbeat.unref()

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
        manager.handle(message).catch(failed)
      }

      socket.on('message', (raw: Buffer, isBinary: boolean) => {
        queue = queue.then(() => handle(raw, isBinary)).catch(failed)
      })
      const gone = () => {
        clearInterval(heartbeat)
        manager.closeAll()
      }
      socket.on('close', gone)
      socket.on('error', gone)
    },
  )
}
