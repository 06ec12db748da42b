import { lookup as dnsLookup } from 'node:dns/promises'
import net, { isIP, type Socket } from 'node:net'
import tls, { type TLSSocket } from 'node:tls'
import type { buildConnector } from 'undici'
import { CourierError } from '../errors.js'
import { ADMIN_CAN_ALLOW, destinationProblem, isMetadataHostname, type DestinationPolicy } from './address-policy.js'
import { writeRequestHeadsOn } from './request-head.js'

export type LookupFn = (hostname: string) => Promise<{ address: string; family: number }[]>

/** Timestamps (performance.now) of one connection's phases, filled in as they happen. */
export type ConnectTrace = {
  dnsStart?: number
  dnsEnd?: number
  connectStart?: number
  connectEnd?: number
  tlsEnd?: number
  remoteAddress?: string
  alpnProtocol?: string
}

/** One connection the connector opened: its phases, and the record of the send it was opened for. */
export type OpenedConnection = {
  trace: ConnectTrace
  /** Set by the first exchange written on it. */
  openedBy?: string
  /** Exchanges written on it so far. */
  uses: number
}

const opened = new WeakMap<object, OpenedConnection>()

/** The connection a socket the connector opened belongs to (undefined for any other socket). */
export function connectionOf(socket: object): OpenedConnection | undefined {
  return opened.get(socket)
}

export type ConnectorOptions = {
  policy: DestinationPolicy
  allowLinkLocal: boolean
  verifyTls: boolean
  connectTimeoutMs: number
  lookup?: LookupFn
  /** Extra trusted CA certificates (PEM), added to the system's. */
  extraCa?: readonly string[]
}

const systemLookup: LookupFn = (hostname) => dnsLookup(hostname, { all: true, verbatim: true })

/**
 * Opens a connection (for one exchange, or a pool's). Resolves the name once, refuses the whole name if any
 * address is blocked, connects only to a checked address, and checks the socket's remote
 * address again after connecting (docs/security.md#where-sends-may-go). The URL host stays the TLS server name.
 */
export function createConnector(options: ConnectorOptions): buildConnector.connector {
  return (target, callback) => {
    // Each connection has its own phases: a pool opens several, and undici may open another
    // after a request was aborted (the size cap).
    const trace: ConnectTrace = {}
    openConnection(target, options, trace).then(
      (socket) => {
        // Errors after undici lets go of the socket (a late reset) must not crash the process.
        socket.on('error', () => {})
        writeRequestHeadsOn(socket)
        opened.set(socket, { trace, uses: 0 })
        callback(null, socket)
      },
      (error: Error) => callback(error, null),
    )
  }
}

/**
 * One policy-checked connection (TCP, then TLS for https:): what undici's connector and the
 * realtime sessions' http(s).Agent (realtime/policy-agent.ts) both open their sockets with.
 */
export async function openConnection(
  target: Pick<buildConnector.Options, 'hostname' | 'protocol' | 'port'>,
  options: ConnectorOptions,
  trace: ConnectTrace,
): Promise<Socket | TLSSocket> {
  const hostname = target.hostname.replace(/^\[|\]$/g, '')
  const isTls = target.protocol === 'https:'
  const port = Number(target.port) || (isTls ? 443 : 80)

  if (isMetadataHostname(hostname) && !options.policy.allowList?.permitsHost(hostname)) {
    throw new CourierError(
      'TARGET_FORBIDDEN',
      `Courier does not send requests to ${hostname}: cloud metadata addresses are blocked${options.policy.team ? ` on this team server; ${ADMIN_CAN_ALLOW}` : ''}.`,
      { phase: 'resolve' },
    )
  }

  let addresses: { address: string; family: number }[]
  if (isIP(hostname)) {
    addresses = [{ address: hostname, family: isIP(hostname) }]
  } else {
    trace.dnsStart = performance.now()
    try {
      addresses = await (options.lookup ?? systemLookup)(hostname)
    } catch (cause) {
      throw new CourierError('DNS_RESOLUTION_FAILED', `The host name ${hostname} could not be resolved.`, {
        phase: 'resolve',
        cause,
      })
    } finally {
      trace.dnsEnd = performance.now()
    }
    if (addresses.length === 0) {
      throw new CourierError('DNS_RESOLUTION_FAILED', `The host name ${hostname} has no addresses.`, {
        phase: 'resolve',
      })
    }
  }

  for (const { address } of addresses) {
    const problem = destinationProblem(address, port, options.policy, options.allowLinkLocal, hostname)
    if (problem) {
      throw new CourierError(
        'TARGET_FORBIDDEN',
        // A team server's people learn the kind of address, not the address: it would map its network.
        `Courier does not send requests to ${options.policy.team ? hostname : `${hostname} (${address})`}: ${problem}.`,
        { phase: 'connect' },
      )
    }
  }

  const deadline = performance.now() + options.connectTimeoutMs
  let lastError: unknown
  for (const { address, family } of addresses) {
    try {
      const socket = await connectTcp(address, family, port, deadline, trace)
      const remote = socket.remoteAddress ?? address
      const problem = destinationProblem(remote, port, options.policy, options.allowLinkLocal, hostname)
      if (problem) {
        socket.destroy()
        const named = options.policy.team ? hostname : remote
        throw new CourierError('TARGET_FORBIDDEN', `Courier does not send requests to ${named}: ${problem}.`, {
          phase: 'connect',
        })
      }
      trace.remoteAddress = remote
      if (!isTls) return socket
      const secure = await handshake(socket, hostname, options, deadline, trace)
      return secure
    } catch (error) {
      if (error instanceof CourierError && error.code !== 'UPSTREAM_CONNECTION_REFUSED') throw error
      if (isTlsError(error)) throw error
      lastError = error
    }
  }
  throw lastError
}

function connectTcp(
  address: string,
  family: number,
  port: number,
  deadline: number,
  trace: ConnectTrace,
): Promise<Socket> {
  return new Promise((resolve, reject) => {
    trace.connectStart = performance.now()
    const socket = net.connect({ host: address, port, family })
    socket.setNoDelay(true)
    const timer = setTimeout(
      () => {
        socket.destroy()
        reject(new CourierError('UPSTREAM_CONNECT_TIMEOUT', undefined, { phase: 'connect' }))
      },
      Math.max(0, deadline - performance.now()),
    )
    socket.once('connect', () => {
      clearTimeout(timer)
      trace.connectEnd = performance.now()
      socket.removeAllListeners('error')
      resolve(socket)
    })
    socket.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
  })
}

function handshake(
  socket: Socket,
  hostname: string,
  options: ConnectorOptions,
  deadline: number,
  trace: ConnectTrace,
): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const secure = tls.connect({
      socket,
      // SNI takes a name, never an IP literal (RFC 6066 §3).
      servername: isIP(hostname) ? undefined : hostname,
      // Verification always checks the URL's host name, even though we connected by address.
      host: hostname,
      rejectUnauthorized: options.verifyTls,
      ...(options.extraCa?.length ? { ca: [...tls.rootCertificates, ...options.extraCa] } : {}),
      ALPNProtocols: ['http/1.1'],
    })
    const timer = setTimeout(
      () => {
        secure.destroy()
        reject(
          new CourierError('UPSTREAM_CONNECT_TIMEOUT', 'The TLS handshake did not finish in time (connect timeout).', {
            phase: 'tls',
          }),
        )
      },
      Math.max(0, deadline - performance.now()),
    )
    secure.once('secureConnect', () => {
      clearTimeout(timer)
      trace.tlsEnd = performance.now()
      trace.alpnProtocol = secure.alpnProtocol || undefined
      secure.removeAllListeners('error')
      resolve(secure)
    })
    secure.once('error', (error) => {
      clearTimeout(timer)
      socket.destroy()
      reject(Object.assign(error, { tlsPhase: true }))
    })
  })
}

function isTlsError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'tlsPhase' in error
}
