const KNOWN = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'])

/** The method colour class: GET green, POST amber, … any custom token neutral. */
export function methodTone(method: string): string {
  return KNOWN.has(method.toUpperCase()) ? `method--${method.toLowerCase()}` : 'method--custom'
}
