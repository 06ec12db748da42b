/** The media type without parameters, lower-cased: `application/json; charset=utf-8` → `application/json`. */
export function mediaTypeOf(contentType: string | null | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase()
}

/** Whether a body of this type is text a person can read (and an editor can colour). */
export function isTextualContentType(contentType: string | null | undefined): boolean {
  const type = mediaTypeOf(contentType)
  if (type === '') return false
  if (type.startsWith('text/')) return true
  if (type === 'image/svg+xml') return true
  return /(^application\/(json|xml|javascript|ecmascript|x-www-form-urlencoded|graphql|yaml|x-yaml|toml|x-ndjson|ld\+json|problem\+json|problem\+xml|sql|csv|x-sh))|[+/](json|xml)$/.test(
    type,
  )
}

export function isJsonContentType(contentType: string | null | undefined): boolean {
  const type = mediaTypeOf(contentType)
  return (
    type === 'application/json' || type.endsWith('+json') || type === 'text/json' || type === 'application/x-ndjson'
  )
}

/** Bytes that decode as UTF-8 without NULs: text even when the server did not say so. */
export function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096)
  if (sample.includes(0)) return false
  try {
    // `stream: true` lets a multi-byte character cut at the sample's edge pass.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true })
    return true
  } catch {
    return false
  }
}

const EXTENSIONS: Record<string, string> = {
  'application/json': 'json',
  'application/xml': 'xml',
  'text/xml': 'xml',
  'text/html': 'html',
  'text/plain': 'txt',
  'text/csv': 'csv',
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/svg+xml': 'svg',
  'application/zip': 'zip',
  'application/javascript': 'js',
  'text/javascript': 'js',
  'text/css': 'css',
  'application/octet-stream': 'bin',
  'application/yaml': 'yaml',
}

/** A sensible download name: Content-Disposition's filename, else the URL's last segment, else `response.<ext>`. */
export function suggestFilename(
  contentDisposition: string | null | undefined,
  url: string,
  contentType: string | null | undefined,
): string {
  const fromHeader = filenameFromDisposition(contentDisposition)
  if (fromHeader) return sanitizeFilename(fromHeader)
  const ext = EXTENSIONS[mediaTypeOf(contentType)] ?? 'bin'
  let segment: string
  try {
    segment = decodeURIComponent(new URL(url).pathname.split('/').filter(Boolean).pop() ?? '')
  } catch {
    segment = ''
  }
  if (segment && /\.[A-Za-z0-9]{1,8}$/.test(segment)) return sanitizeFilename(segment)
  return sanitizeFilename(segment ? `${segment}.${ext}` : `response.${ext}`)
}

function filenameFromDisposition(header: string | null | undefined): string | null {
  if (!header) return null
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim())
    } catch {
      /* fall through to the plain form */
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/.exec(header)
  if (!plain) return null
  return (plain[1] ?? plain[2] ?? '').replace(/\\(.)/g, '$1').trim() || null
}

/** No path separators, control characters or leading dots: a name, never a path. */
export function sanitizeFilename(name: string): string {
  const cleaned = name
    .replace(/[\\/]/g, '_')
    // Control characters are exactly what must go: they end names early or hide in terminals.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 200)
  return cleaned || 'response.bin'
}
