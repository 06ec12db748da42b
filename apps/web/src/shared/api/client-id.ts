/**
 * This page's own id, fresh at every load: sent as x-courier-client on every call, so the change
 * events its own writes cause come back marked as its own, and presence knows its pages apart.
 */
export const CLIENT_ID: string =
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `page-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
