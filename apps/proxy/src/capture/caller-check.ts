import type { FastifyRequest } from 'fastify'
import { CourierError } from '../errors.js'
import type { StoredMount } from '../storage/capture-mount-store.js'

/**
 * Who may call a mount: a request with an Origin only from one of the mount's allowed origins; a
 * browser request without one (a navigation, a no-cors fetch, an <img>) only when Fetch metadata
 * says it is not from another site, so another site's page cannot fire the mount's injected
 * credentials. No Origin and no Sec-Fetch-Site (curl, a server) is let through. Answers the
 * allowed Origin (echoed in CORS answers), or undefined when there was none.
 */
export function checkCaller(request: FastifyRequest, mount: StoredMount): string | undefined {
  const origin = request.headers.origin
  if (typeof origin === 'string') {
    if (!mount.allowedOrigins.includes(origin)) {
      throw new CourierError(
        'CAPTURE_ORIGIN_NOT_ALLOWED',
        `The capture mount "${mount.name}" does not accept calls from ${origin.slice(0, 300)}; add that origin to the mount's allowed origins in Courier's Capture view.`,
      )
    }
    return origin
  }
  const site = request.headers['sec-fetch-site']
  if (site === 'cross-site' || site === 'same-site') {
    throw new CourierError(
      'CAPTURE_ORIGIN_NOT_ALLOWED',
      `The capture mount "${mount.name}" refuses browser requests from another site that carry no Origin (a link, an image, a no-cors fetch).`,
    )
  }
  return undefined
}

/** Whether a request is a CORS preflight (answered by Courier, never forwarded). */
export function isPreflight(request: FastifyRequest): boolean {
  return (
    request.method === 'OPTIONS' &&
    typeof request.headers.origin === 'string' &&
    typeof request.headers['access-control-request-method'] === 'string'
  )
}

/** Seconds a browser may keep a preflight's answer. */
export const PREFLIGHT_MAX_AGE = 600

/** The headers of a preflight's answer for an allowed origin: what was asked, allowed. */
export function preflightHeaders(request: FastifyRequest, origin: string): Record<string, string> {
  const method = String(request.headers['access-control-request-method'])
  const asked = request.headers['access-control-request-headers']
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    'access-control-allow-methods': method,
    ...(typeof asked === 'string' && asked.trim() ? { 'access-control-allow-headers': asked } : {}),
    'access-control-max-age': String(PREFLIGHT_MAX_AGE),
    vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
  }
}
