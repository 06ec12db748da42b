import http from 'node:http'
import https from 'node:https'
import type { Duplex } from 'node:stream'
import { CourierError } from '../errors.js'
import { openConnection, type ConnectTrace, type ConnectorOptions } from '../engine/connector.js'

type Callback = (error: Error | null, socket?: Duplex) => void
type AgentConnectOptions = { host?: string | null; hostname?: string | null; port?: number | string | null }

/** An http(s).Agent whose every socket came from the destination policy, and what its last one did. */
export type PolicyAgent = {
  agent: http.Agent
  /** Phases of the last connection it opened (remote address after the checks). */
  trace: ConnectTrace
  /** The CourierError the last connection failed with (TARGET_FORBIDDEN, DNS…), if it did. */
  failure(): CourierError | undefined
}

/**
 * The agent `ws` and socket.io-client connect through: its `createConnection` is the engine's
 * `openConnection` (engine/connector.ts), so a realtime upstream is resolved, checked against the
 * destination policy (before and after connecting), timed out and TLS-verified exactly as a send's.
 * No keep-alive: each session owns its socket.
 */
export function policyAgent(secure: boolean, options: ConnectorOptions): PolicyAgent {
  const trace: ConnectTrace = {}
  let failure: CourierError | undefined
  const connect = (connectOptions: AgentConnectOptions, callback: Callback) => {
    const hostname = String(connectOptions.hostname ?? connectOptions.host ?? '')
    failure = undefined
    openConnection(
      { hostname, protocol: secure ? 'https:' : 'http:', port: String(connectOptions.port ?? '') },
      options,
      trace,
    ).then(
      (socket) => {
        // A late reset after the session let go of the socket must not crash the process.
        socket.on('error', () => {})
        callback(null, socket)
      },
      (error: Error) => {
        if (error instanceof CourierError) failure = error
        callback(error)
      },
    )
    return undefined
  }
  const Base = secure ? https.Agent : http.Agent
  const agent = new Base({ keepAlive: false })
  ;(agent as unknown as { createConnection: typeof connect }).createConnection = connect
  return { agent, trace, failure: () => failure }
}
