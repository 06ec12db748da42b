import { JarCookieSchema, type CookieKey, type JarCookie } from '@courier/shared'
import { Cookie, CookieJar, MemoryCookieStore } from 'tough-cookie'
import { CourierError } from '../errors.js'
import type { CookieJarStore } from './store.js'

export const DEFAULT_JAR = 'workspace'

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
 * The workspace's cookie jars, kept in memory while Courier runs (so concurrent sends share
 * one jar and never overwrite each other) and written to the store after every change.
 */
export class CookieJars {
  private readonly jars = new Map<string, Promise<CookieJar>>()
  private writes = Promise.resolve()

  constructor(private readonly store: CookieJarStore) {}

  get(id = DEFAULT_JAR): Promise<CookieJar> {
    let jar = this.jars.get(id)
    if (!jar) {
      jar = this.store
        .load(id)
        .then((json) =>
          json
            ? CookieJar.deserializeSync(json, new MemoryCookieStore())
            : new CookieJar(new MemoryCookieStore(), { looseMode: true }),
        )
      this.jars.set(id, jar)
    }
    return jar
  }

  /** Queues a write of the jar; writes happen one at a time, in order. */
  persist(id = DEFAULT_JAR): Promise<void> {
    this.writes = this.writes.then(async () => {
      const jar = await this.get(id)
      await this.store.save(id, JSON.stringify(jar.serializeSync()))
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
    if (!created.validate())
      throw new CourierError('INVALID_REQUEST', 'That cookie name or value is not valid.', { field: 'name' })
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
