import { JarCookieSchema, type CookieKey, type JarCookie } from '@courier/shared'
import { Cookie, CookieJar, MemoryCookieStore } from 'tough-cookie'
import { CourierError } from '../errors.js'
import { LOCAL_USER_ID } from './local-identity.js'
import type { CookieJarStore } from './store.js'

export const DEFAULT_JAR = 'workspace'

/** A person's own cookie jar: the local user keeps the jar single-user Courier always had. */
export function jarOf(userId: string): string {
  return userId === LOCAL_USER_ID ? DEFAULT_JAR : `user:${userId}`
}

function toJarCookie(cookie: Cookie): JarCookie {
  const sameSite =
    cookie.sameSite === 'strict' || cookie.sameSite === 'lax' || cookie.sameSite === 'none' ? cookie.sameSite : null
  return JarCookieSchema.parse({
    domain: cookie.domain ?? '',
    path: cookie.path ?? '/',
    name: cookie.key,
    value: cookie.value,
    expires: cookie.expires instanceof Date ? cookie.expires.toISOString() : null,
    secure: cookie.secure,
    httpOnly: cookie.httpOnly,
    sameSite,
    hostOnly: cookie.hostOnly ?? true,
  })
}

/**
 * Cookie jars by id (one per person: `jarOf`), written to the store after every change. A jar is
 * kept in memory, so concurrent sends share one jar object and never overwrite each other, but
 * every `get` reads the stored jar first and uses the cached one only when the store still holds
 * what this process last read or wrote: another instance (team mode) or process (`courier run`)
 * that changed it is never answered with a stale jar.
 */
export class CookieJars {
  private readonly jars = new Map<string, { jar: CookieJar; json: string | undefined }>()
  private writes = Promise.resolve()

  constructor(private readonly store: CookieJarStore) {}

  async get(id = DEFAULT_JAR): Promise<CookieJar> {
    const stored = await this.store.load(id)
    // Checked after the read too: two gets that read the same row answer the same jar.
    const cached = this.jars.get(id)
    if (cached && cached.json === stored) return cached.jar
    const jar = stored
      ? CookieJar.deserializeSync(stored, new MemoryCookieStore())
      : new CookieJar(new MemoryCookieStore(), { looseMode: true })
    this.jars.set(id, { jar, json: stored })
    return jar
  }

  /** Queues a write of the jar as this process holds it; writes happen one at a time, in order. */
  persist(id = DEFAULT_JAR): Promise<void> {
    this.writes = this.writes.then(async () => {
      const held = this.jars.get(id)
      const jar = held?.jar ?? (await this.get(id))
      const json = JSON.stringify(jar.serializeSync())
      await this.store.save(id, json)
      this.jars.set(id, { jar, json })
    })
    return this.writes
  }

  async list(id = DEFAULT_JAR, url?: string): Promise<JarCookie[]> {
    const jar = await this.get(id)
    const cookies = url
      ? await jar.getCookies(url, { http: true, expire: true })
      : ((await jar.serialize()).cookies.map((c) => Cookie.fromJSON(c)).filter(Boolean) as Cookie[])
    return cookies
      .map(toJarCookie)
      .sort((a, b) => a.domain.localeCompare(b.domain) || a.path.localeCompare(b.path) || a.name.localeCompare(b.name))
  }

  /** Adds or replaces a cookie, as if the domain had set it. */
  async put(cookie: JarCookie, id = DEFAULT_JAR): Promise<void> {
    const jar = await this.get(id)
    const domain = cookie.domain.replace(/^\./, '').toLowerCase()
    const created = new Cookie({
      key: cookie.name,
      value: cookie.value,
      domain,
      path: cookie.path,
      expires: cookie.expires ? new Date(cookie.expires) : 'Infinity',
      secure: cookie.secure,
      httpOnly: cookie.httpOnly,
      sameSite: cookie.sameSite ?? undefined,
      hostOnly: cookie.hostOnly,
    })
    let valid: boolean
    try {
      valid = created.validate()
    } catch {
      // tough-cookie throws for a public suffix or special-use name (`test`, `co.uk`) as the domain.
      throw new CourierError(
        'INVALID_REQUEST',
        `A cookie cannot be set for “${domain}”: it is, or sits directly on, a public or special-use suffix. Use the host name of a site, such as api.example.com.`,
        { field: 'domain' },
      )
    }
    if (!valid) throw new CourierError('INVALID_REQUEST', 'That cookie name or value is not valid.', { field: 'name' })
    await jar.store.putCookie(created)
    await this.persist(id)
  }

  async remove(key: CookieKey, id = DEFAULT_JAR): Promise<void> {
    const jar = await this.get(id)
    await jar.store.removeCookie(key.domain, key.path, key.name)
    await this.persist(id)
  }

  async clear(id = DEFAULT_JAR): Promise<void> {
    const jar = await this.get(id)
    await jar.removeAllCookies()
    await this.persist(id)
  }
}
