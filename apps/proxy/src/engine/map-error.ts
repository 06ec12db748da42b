import type { ErrorPhase } from '@courier/shared'
import { CourierError } from '../errors.js'

const CERT_REASONS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'the chain ends in a self-signed certificate',
  CERT_HAS_EXPIRED: 'the certificate has expired',
  CERT_NOT_YET_VALID: 'the certificate is not valid yet',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the certificate does not name this host',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the certificate is signed by an unknown authority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the certificate is signed by an unknown authority',
  UNABLE_TO_GET_ISSUER_CERT: 'the certificate is signed by an unknown authority',
  CERT_REVOKED: 'the certificate was revoked',
  CERT_SIGNATURE_FAILURE: 'the certificate signature is invalid',
}

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const { code } = error as { code?: unknown }
  return typeof code === 'string' ? code : undefined
}

/** Turns whatever a send threw into a coded error a person can read. */
export function toCourierError(error: unknown, phase: ErrorPhase = 'send'): CourierError {
  if (error instanceof CourierError) return error
  const code = codeOf(error)
  const message = error instanceof Error ? error.message : String(error)
  const cause = error

  if (code && code in CERT_REASONS) {
    return new CourierError(
      'TLS_CERT_INVALID',
      `The server certificate was not accepted: ${CERT_REASONS[code]}. Set "Verify TLS certificates" to Off in the request's Settings tab to send anyway.`,
      { phase: 'tls', cause },
    )
  }
  if (
    code?.startsWith('ERR_SSL') ||
    code === 'EPROTO' ||
    code === 'ERR_TLS_HANDSHAKE_TIMEOUT' ||
    /SSL|TLS/.test(message)
  ) {
    return new CourierError('TLS_HANDSHAKE_FAILED', `The TLS handshake failed: ${message}.`, { phase: 'tls', cause })
  }
  switch (code) {
    case 'ECONNREFUSED':
      return new CourierError(
        'UPSTREAM_CONNECTION_REFUSED',
        'The server refused the connection. Is it running, and is the port right?',
        { phase: 'connect', cause },
      )
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NODATA':
      return new CourierError('DNS_RESOLUTION_FAILED', undefined, { phase: 'resolve', cause })
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return new CourierError(
        'UPSTREAM_CONNECTION_RESET',
        'The server closed the connection before the response was complete.',
        { phase, cause },
      )
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
      return new CourierError('UPSTREAM_CONNECTION_REFUSED', 'The server could not be reached (no route to host).', {
        phase: 'connect',
        cause,
      })
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new CourierError('UPSTREAM_CONNECT_TIMEOUT', undefined, { phase: 'connect', cause })
    case 'UND_ERR_HEADERS_TIMEOUT':
      return new CourierError('UPSTREAM_HEADERS_TIMEOUT', undefined, { phase: 'receive', cause })
    case 'UND_ERR_BODY_TIMEOUT':
      return new CourierError('UPSTREAM_BODY_TIMEOUT', undefined, { phase: 'receive', cause })
    case 'UND_ERR_HEADERS_OVERFLOW':
      return new CourierError('UPSTREAM_PROTOCOL_ERROR', 'The server sent response headers larger than 16 KiB.', {
        phase: 'receive',
        cause,
      })
    case 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH':
      return new CourierError(
        'UPSTREAM_PROTOCOL_ERROR',
        'The body length did not match the Content-Length the server announced.',
        { phase: 'receive', cause },
      )
    case 'UND_ERR_ABORTED':
    case 'ABORT_ERR':
      return new CourierError('ABORTED', undefined, { phase, cause })
  }
  if (code?.startsWith('HPE_') || (error instanceof Error && error.name === 'HTTPParserError')) {
    return new CourierError(
      'UPSTREAM_PROTOCOL_ERROR',
      `The server answered with something that is not valid HTTP (${message}).`,
      { phase: 'receive', cause },
    )
  }
  return new CourierError('UPSTREAM_PROTOCOL_ERROR', `The exchange failed: ${message}`, { phase, cause })
}
