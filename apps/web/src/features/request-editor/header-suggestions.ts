/** Header names people type most, for the Key column's autocomplete. */
export const COMMON_HEADERS = [
  'Accept',
  'Accept-Encoding',
  'Accept-Language',
  'Authorization',
  'Cache-Control',
  'Content-Type',
  'Cookie',
  'If-Match',
  'If-None-Match',
  'If-Modified-Since',
  'If-Unmodified-Since',
  'Idempotency-Key',
  'Origin',
  'Prefer',
  'Range',
  'Referer',
  'User-Agent',
  'X-Api-Key',
  'X-Correlation-Id',
  'X-Forwarded-For',
  'X-Request-Id',
  'X-Requested-With',
]

const COMMON_VALUES: Record<string, string[]> = {
  accept: [
    'application/json',
    '*/*',
    'text/html',
    'application/xml',
    'text/plain',
    'application/problem+json',
    'text/event-stream',
  ],
  'accept-encoding': ['gzip, deflate, br', 'gzip', 'identity'],
  'accept-language': ['en-US,en;q=0.9', 'fr-FR,fr;q=0.9', 'de-DE,de;q=0.9'],
  authorization: ['Bearer ', 'Basic ', 'token '],
  'cache-control': ['no-cache', 'no-store', 'max-age=0'],
  'content-type': [
    'application/json',
    'application/x-www-form-urlencoded',
    'multipart/form-data',
    'text/plain',
    'application/xml',
    'application/octet-stream',
  ],
  prefer: ['return=representation', 'return=minimal', 'respond-async'],
  'x-requested-with': ['XMLHttpRequest'],
}

export function valueSuggestions(name: string): readonly string[] {
  return COMMON_VALUES[name.trim().toLowerCase()] ?? []
}
