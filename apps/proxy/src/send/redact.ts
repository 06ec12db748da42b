import {
  REDACTED,
  mapAuthSecrets,
  SECRET_PARAMS,
  isSecretHeader,
  splitUrl,
  type Hop,
  type Pair,
  type RequestSpec,
  type ResponseRecord,
  type Row,
  type SentRequest,
  type ExtraSecrets,
} from '@courier/shared'

export { authSecretNames, type ExtraSecrets } from '@courier/shared'

const NO_EXTRA: ExtraSecrets = { headers: new Set(), params: new Set() }

/** Form and query field names whose values are secrets wherever they appear. */
function isSecretName(name: string, extra: ExtraSecrets = NO_EXTRA): boolean {
  const decoded = decodeSafe(name).toLowerCase()
  return SECRET_PARAMS.has(decoded) || extra.params.has(decoded)
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return text
  }
}

/** A value that is only `{{variable}}` references (and an auth scheme) holds no secret itself: it is kept. */
function mask(value: string): string {
  const onlyReferences =
    value.includes('{{') && /^\s*(Bearer|Basic|Token|Digest)?\s*$/i.test(value.replace(/\{\{[^{}]+\}\}/g, ''))
  return value === '' || onlyReferences ? value : REDACTED
}

/** Masks the values of secret-named pairs in a query or form-encoded text, keeping its shape. */
export function redactQueryText(query: string, extra: ExtraSecrets = NO_EXTRA): string {
  return query
    .split('&')
    .map((piece) => {
      const eq = piece.indexOf('=')
      if (eq === -1 || !isSecretName(piece.slice(0, eq), extra)) return piece
      return `${piece.slice(0, eq + 1)}${mask(piece.slice(eq + 1))}`
    })
    .join('&')
}

export function redactUrl(url: string, extra: ExtraSecrets = NO_EXTRA): string {
  const { base, query, hash } = splitUrl(url)
  // user:password@ never survives either.
  const safeBase = base.replace(
    /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^@/?#]*@/,
    (_, scheme: string) => `${scheme}${REDACTED}@`,
  )
  return query === null ? safeBase + hash : `${safeBase}?${redactQueryText(query, extra)}${hash}`
}

function redactSetCookie(value: string): string {
  const eq = value.indexOf('=')
  if (eq === -1) return value
  const semi = value.indexOf(';', eq)
  return `${value.slice(0, eq + 1)}${REDACTED}${semi === -1 ? '' : value.slice(semi)}`
}

export function redactHeaderPairs(headers: readonly Pair[], extra: ExtraSecrets = NO_EXTRA): Pair[] {
  return headers.map(([name, value]): Pair => {
    if (isSecretHeader(name) || extra.headers.has(name.toLowerCase())) return [name, mask(value)]
    if (name.toLowerCase() === 'set-cookie') return [name, redactSetCookie(value)]
    return [name, value]
  })
}

function redactRows(rows: readonly Row[], isSecret: (name: string) => boolean): Row[] {
  return rows.map(([name, value, enabled]): Row => [name, isSecret(name) ? mask(value) : value, enabled])
}

export function redactSpec(spec: RequestSpec): RequestSpec {
  const body =
    spec.body.kind === 'form' ? { ...spec.body, fields: redactRows(spec.body.fields, isSecretName) } : spec.body
  return {
    ...spec,
    url: redactUrl(spec.url),
    params: redactRows(spec.params, isSecretName),
    headers: redactRows(spec.headers, isSecretHeader),
    body,
    auth: mapAuthSecrets(spec.auth, mask),
    cookies: mask(spec.cookies),
  }
}

function redactSent(sent: SentRequest, extra: ExtraSecrets): SentRequest {
  const isForm = sent.headers.some(
    ([name, value]) => name.toLowerCase() === 'content-type' && value.includes('x-www-form-urlencoded'),
  )
  return {
    ...sent,
    url: redactUrl(sent.url, extra),
    headers: redactHeaderPairs(sent.headers, extra),
    ...(sent.bodyPreview !== undefined && isForm ? { bodyPreview: redactQueryText(sent.bodyPreview) } : {}),
  }
}

export function redactRecord(record: ResponseRecord, extra: ExtraSecrets = NO_EXTRA): ResponseRecord {
  return {
    ...record,
    request: redactSent(record.request, extra),
    headers: redactHeaderPairs(record.headers),
    hops: record.hops.map((hop): Hop => ({
      ...hop,
      request: redactSent(hop.request, extra),
      headers: redactHeaderPairs(hop.headers),
    })),
    attempts: record.attempts.map((attempt) =>
      attempt.url === undefined ? attempt : { ...attempt, url: redactUrl(attempt.url, extra) },
    ),
    cookies: record.cookies.map((cookie) => ({ ...cookie, value: mask(cookie.value) })),
  }
}
