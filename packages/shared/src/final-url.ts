import { substitutePathParams } from './path-params.js'
import type { Pair } from './request-spec.js'

/** True when the text starts with a scheme (`https:`), not a `host:port`. */
export function hasScheme(text: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(text) && !/^[^:/]+:\d/.test(text)
}

/**
 * The URL exactly as it will be sent: path params substituted, `http://` added when no scheme
 * was typed (as Postman does), then parsed once by the WHATWG parser, which percent-encodes.
 * Throws TypeError when it is not a URL. The engine and the editor's preview both use this.
 */
export function finalUrl(text: string, pathParams: readonly Pair[] = []): URL {
  const substituted = substitutePathParams(text.trim(), pathParams)
  return new URL(hasScheme(substituted) ? substituted : `http://${substituted}`)
}

/** `finalUrl(...).href`, or null when the text is not a URL yet. */
export function finalUrlPreview(text: string, pathParams: readonly Pair[] = []): string | null {
  if (text.trim() === '') return null
  try {
    return finalUrl(text, pathParams).href
  } catch {
    return null
  }
}
