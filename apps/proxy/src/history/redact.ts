import {
  REDACTED,
  SECRET_PARAMS,
  isSecretHeader,
  splitUrl,
  type Auth,
  type Hop,
  type Pair,
  type RequestSpec,
  type ResponseRecord,
  type Row,
  type SentRequest,
} from '@courier/shared'

/** Form and query field names whose values are secrets wherever they appear. */
function isSecretName(name: string): boolean {
  return SECRET_PARAMS.has(decodeSafe(name).toLowerCase())
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return text
  }
}

function mask(value: string): string {
  return value === '' ? value : REDACTED
}

/** Masks the values of secret-named pairs in a query or form-encoded text, keeping its shape. */
export function redactQueryText(query: string): string {
  return query
    .split('&')
    .map((piece) => {
      const eq = piece.indexOf('=')
      if (eq === -1 || !isSecretName(piece.slice(0, eq))) return piece
      return `${piece.slice(0, eq + 1)}${mask(piece.slice(eq + 1))}`
    })
    .join('&')
}

export function redactUrl(url: string): string {
  const { base, query, hash } = splitUrl(url)
  // user:password@ never survives either.
  const safeBase = base.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^@/?#]*@/, (_, scheme: string) => `${scheme}${REDACTED}@`)
  return query === null ? safeBase + hash : `${safeBase}?${redactQueryText(query)}${hash}`
}

function redactSetCookie(value: string): string {
  const eq = value.indexOf('=')
  if (eq === -1) return value
  const semi = value.indexOf(';', eq)
  return `${value.slice(0, eq + 1)}${REDACTED}${semi === -1 ? '' : value.slice(semi)}`
}

export function redactHeaderPairs(headers: readonly Pair[]): Pair[] {
  return headers.map(([name, value]): Pair => {
    if (isSecretHeader(name)) return [name, mask(value)]
    if (name.toLowerCase() === 'set-cookie') return [name, redactSetCookie(value)]
    return [name, value]
  })
}

function redactRows(rows: readonly Row[], isSecret: (name: string) => boolean): Row[] {
  return rows.map(([name, value, enabled]): Row => [name, isSecret(name) ? mask(value) : value, enabled])
}

export function redactAuth(auth: Auth): Auth {
  switch (auth.type) {
    case 'basic':
    case 'digest':
      return { ...auth, password: mask(auth.password) }
    case 'bearer':
      return { ...auth, token: mask(auth.token) }
    case 'apikey':
      return { ...auth, value: mask(auth.value) }
    case 'oauth2':
      return { ...auth, config: { ...auth.config, clientSecret: mask(auth.config.clientSecret), password: mask(auth.config.password) } }
    default:
      return auth
  }
}

export function redactSpec(spec: RequestSpec): RequestSpec {
  const body = spec.body.kind === 'form' ? { ...spec.body, fields: redactRows(spec.body.fields, isSecretName) } : spec.body
  return {
    ...spec,
    url: redactUrl(spec.url),
    params: redactRows(spec.params, isSecretName),
    headers: redactRows(spec.headers, isSecretHeader),
    body,
    auth: redactAuth(spec.auth),
    cookies: mask(spec.cookies),
  }
}

function redactSent(sent: SentRequest): SentRequest {
  const isForm = sent.headers.some(([name, value]) => name.toLowerCase() === 'content-type' && value.includes('x-www-form-urlencoded'))
  return {
    ...sent,
    url: redactUrl(sent.url),
    headers: redactHeaderPairs(sent.headers),
    ...(sent.bodyPreview !== undefined && isForm ? { bodyPreview: redactQueryText(sent.bodyPreview) } : {}),
  }
}

export function redactRecord(record: ResponseRecord): ResponseRecord {
  return {
    ...record,
    request: redactSent(record.request),
    headers: redactHeaderPairs(record.headers),
    hops: record.hops.map((hop): Hop => ({ ...hop, request: redactSent(hop.request), headers: redactHeaderPairs(hop.headers) })),
    cookies: record.cookies.map((cookie) => ({ ...cookie, value: mask(cookie.value) })),
  }
}
