/** One response as a browser saw it: the final URL, status, body and where a redirect pointed. */
export type Seen = { url: string; status: number; body: string; location?: string }

/**
 * An HTTP client over real sockets that keeps cookies per origin and follows redirects across
 * origins the way a browser does (303 becomes GET), for walking a sign-in through a provider.
 * Cookie attributes other than Max-Age=0 (a deletion) are not modelled.
 */
export class BrowserClient {
  readonly jars = new Map<string, Map<string, string>>()

  jar(origin: string): Map<string, string> {
    let jar = this.jars.get(origin)
    if (!jar) this.jars.set(origin, (jar = new Map()))
    return jar
  }

  cookie(origin: string, name: string): string | undefined {
    return this.jar(origin).get(name)
  }

  /** One request, no redirect followed. */
  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Seen> {
    const target = new URL(url)
    const jar = this.jar(target.origin)
    const headers: Record<string, string> = {}
    if (jar.size) headers.cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ')
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded'
      headers.origin = target.origin
    }
    const response = await fetch(target, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      redirect: 'manual',
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
    })
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';')
      const eq = pair!.indexOf('=')
      const name = pair!.slice(0, eq).trim()
      const value = pair!.slice(eq + 1).trim()
      if (attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '') jar.delete(name)
      else jar.set(name, value)
    }
    const location = response.headers.get('location')
    return {
      url: target.href,
      status: response.status,
      body: await response.text(),
      ...(location ? { location: new URL(location, target).href } : {}),
    }
  }

  /** Requests `url` and follows redirects (at most 20) to the first answer that is not one, or to one pointing where `stopAt` says. */
  async follow(
    url: string,
    init: { method?: string; form?: Record<string, string>; stopAt?: (url: string) => boolean } = {},
  ): Promise<Seen> {
    let seen = await this.request(url, init)
    for (let hops = 0; seen.location && seen.status >= 300 && seen.status < 400; hops++) {
      if (init.stopAt?.(seen.location)) return seen
      if (hops === 20) throw new Error(`more than 20 redirects from ${url}`)
      seen = await this.request(seen.location)
    }
    return seen
  }
}

/** The `action` of the page's form (oidc-provider's development login and consent pages have one each). */
export function formAction(page: Seen): string {
  const action = /<form[^>]*action="([^"]+)"/.exec(page.body)?.[1]
  if (!action) throw new Error(`no form on ${page.url} (${page.status}):\n${page.body.slice(0, 500)}`)
  return new URL(action.replace(/&amp;/g, '&'), page.url).href
}
