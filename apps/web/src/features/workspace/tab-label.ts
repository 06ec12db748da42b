import type { RequestSpec } from '@courier/shared'

/**
 * What a tab shows beside its method badge: the name, or the URL path for a draft. A title that
 * begins with the tab's own method, as written (a history entry's "POST 127.0.0.1/…", old saved
 * workspaces), loses it — "Get cart" is a name, not a method — so the strip never reads "POST POST …".
 */
export function tabLabel(tab: { title: string; draft: { spec: Pick<RequestSpec, 'method'> } }): string {
  const method = tab.draft.spec.method
  const title = tab.title.trim()
  const label = `${title} `.startsWith(`${method} `) ? title.slice(method.length).trim() : title
  return label || 'New request'
}

/** A draft's title: the URL's path ("/users/15/orders"); the host only when there is no path. */
export function pathTitle(url: string): string {
  const bare = url.trim().split(/[?#]/)[0] ?? ''
  const host = /^(?:[a-z][\w+.-]*:\/\/)?[^/]*/i.exec(bare)?.[0] ?? ''
  const path = bare.slice(host.length)
  return (path && path !== '/' ? path : host.replace(/^[a-z][\w+.-]*:\/\//i, '')).slice(0, 60)
}
