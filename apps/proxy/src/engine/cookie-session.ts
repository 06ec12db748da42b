import type { Pair, SetCookie } from '@courier/shared'
import { Cookie, type CookieJar } from 'tough-cookie'

/** A Set-Cookie line parsed for display, whether or not a jar keeps it. */
export function describeSetCookie(line: string, url: URL): SetCookie {
  const cookie = Cookie.parse(line, { loose: true })
  if (!cookie) {
    const name = line.split('=')[0]?.trim() ?? ''
    return {
      name,
      value: '',
      secure: false,
      httpOnly: false,
      stored: false,
      rejectedReason: 'The Set-Cookie line could not be parsed.',
    }
  }
  const expires = cookie.expires instanceof Date ? cookie.expires.toISOString() : undefined
  return {
    name: cookie.key,
    value: cookie.value,
    domain: cookie.domain ?? url.hostname,
    path: cookie.path ?? defaultPath(url),
    ...(expires ? { expires } : {}),
    ...(typeof cookie.maxAge === 'number' ? { maxAge: cookie.maxAge } : {}),
    secure: cookie.secure,
    httpOnly: cookie.httpOnly,
    ...(cookie.sameSite && cookie.sameSite !== 'none'
      ? { sameSite: cookie.sameSite }
      : cookie.sameSite === 'none'
        ? { sameSite: 'none' }
        : {}),
  }
}

/** RFC 6265 §5.1.4 default-path: the request path up to its last slash. */
function defaultPath(url: URL): string {
  const path = url.pathname
  if (!path.startsWith('/') || path.lastIndexOf('/') === 0) return '/'
  return path.slice(0, path.lastIndexOf('/'))
}

/**
 * The cookie jar as one send sees it: cookies for each hop's URL going out, Set-Cookie lines
 * coming back stored by the jar's domain/path/expiry rules (tough-cookie, RFC 6265). With the
 * jar switched off it still describes Set-Cookie lines, storing nothing.
 */
export class CookieSession {
  constructor(
    private readonly jar: CookieJar | null,
    private readonly onChange: () => void = () => {},
  ) {}

  async cookieHeaderFor(url: URL): Promise<string> {
    if (!this.jar) return ''
    return this.jar.getCookieString(url.href, { http: true })
  }

  /** Stores every Set-Cookie of one response; answers each as shown in the Cookies tab. */
  async receive(headers: readonly Pair[], url: URL): Promise<SetCookie[]> {
    const lines = headers.filter(([name]) => name.toLowerCase() === 'set-cookie').map(([, value]) => value)
    const described: SetCookie[] = []
    let changed = false
    for (const line of lines) {
      const cookie = describeSetCookie(line, url)
      if (!this.jar) {
        described.push({
          ...cookie,
          stored: false,
          rejectedReason: cookie.rejectedReason ?? 'The cookie jar is off for this request.',
        })
        continue
      }
      try {
        const stored = await this.jar.setCookie(line, url.href, { http: true, ignoreError: false, loose: true })
        described.push({ ...cookie, stored: stored !== undefined })
        changed = true
      } catch (error) {
        described.push({
          ...cookie,
          stored: false,
          rejectedReason: error instanceof Error ? error.message : String(error),
        })
      }
    }
    if (changed) this.onChange()
    return described
  }
}

/** Joins Cookie header values: the jar's first, then the request's own. */
export function joinCookies(...parts: string[]): string {
  return parts.filter((part) => part.trim() !== '').join('; ')
}
