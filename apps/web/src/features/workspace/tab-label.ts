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
