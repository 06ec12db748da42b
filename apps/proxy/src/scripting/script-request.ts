import type { RequestSpec, Row } from '@courier/shared'
import type { ScriptRequest } from '@courier/scripts'

/** The request as a script sees it (`pm.request`): URL and headers as typed, `{{variables}}` unresolved, as in Postman. */
export function toScriptRequest(
  spec: RequestSpec,
  item?: { id?: string | undefined; name?: string | undefined },
): ScriptRequest {
  const body: ScriptRequest['body'] =
    spec.body.kind === 'json' || spec.body.kind === 'raw'
      ? { mode: 'raw', raw: spec.body.text }
      : spec.body.kind === 'form'
        ? {
            mode: 'urlencoded',
            urlencoded: spec.body.fields.filter((f) => f[2]).map(([key, value]) => ({ key, value })),
          }
        : { mode: spec.body.kind === 'multipart' ? 'formdata' : spec.body.kind === 'binary' ? 'file' : spec.body.kind }
  return {
    ...(item?.id ? { id: item.id } : {}),
    ...(item?.name ? { name: item.name } : {}),
    method: spec.method,
    url: spec.url,
    headers: spec.headers.map(([key, value, enabled]) => ({ key, value, ...(enabled ? {} : { disabled: true }) })),
    body,
  }
}

/** What a pre-request script changed in `pm.request` (method, URL, headers, a raw or urlencoded body), put back on the spec. */
export function withScriptRequest(
  spec: RequestSpec,
  before: ScriptRequest,
  changed: ScriptRequest | undefined,
): RequestSpec {
  if (!changed) return spec
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)
  // Only what the script really changed is taken: an untouched part stays exactly as typed.
  const headers: Row[] = same(changed.headers, before.headers)
    ? spec.headers
    : (changed.headers ?? []).map((h): Row => [h.key, h.value, !h.disabled])
  let body = spec.body
  if (!same(changed.body, before.body)) {
    if ((body.kind === 'json' || body.kind === 'raw') && typeof changed.body?.raw === 'string')
      body = { ...body, text: changed.body.raw }
    if (body.kind === 'form' && changed.body?.urlencoded)
      body = { kind: 'form', fields: changed.body.urlencoded.map(({ key, value }): Row => [key, value, true]) }
  }
  const method = changed.method && changed.method !== before.method ? changed.method : spec.method
  const url = changed.url && changed.url !== before.url ? changed.url : spec.url
  return { ...spec, method, url, headers, body }
}
