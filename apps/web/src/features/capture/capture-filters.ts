import type { HistoryQueryInput } from '@courier/shared'

/** What the filter bar holds: empty strings mean "any". */
export type CaptureFilters = { mount: string; method: string; status: string; path: string }

export const NO_FILTERS: CaptureFilters = { mount: '', method: '', status: '', path: '' }

const STATUS = /^([1-5]\d\d|[1-5]xx|error)$/

/** The status box's text as the history query takes it (`404`, `4XX` → `4xx`, `error`), or a problem in words. */
export function statusFilter(text: string): { value?: string; problem?: string } {
  const value = text.trim().toLowerCase()
  if (!value) return {}
  if (STATUS.test(value)) return { value }
  return { problem: 'Status: a code like 404, a class like 4xx, or error.' }
}

/** The history query for captured exchanges under these filters (every mount when none is chosen). */
export function captureQuery(filters: CaptureFilters, limit = 200): HistoryQueryInput {
  const status = statusFilter(filters.status).value
  const path = filters.path.trim()
  return {
    limit,
    capture: filters.mount || '*',
    ...(filters.method ? { method: filters.method } : {}),
    ...(status ? { status } : {}),
    ...(path ? { path } : {}),
  }
}

/** The path and query of a URL as stored (not re-encoded), e.g. `/api/users?page=2`. */
export function pathOf(url: string): string {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^#]*)/i.exec(url)
  return match ? match[1] || '/' : url
}
