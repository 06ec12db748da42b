import type { CollectionTree, Inheritable } from '../../collection.js'
import type { Auth, MultipartPart, RequestBody, RequestSpecInput, Row } from '../../request-spec.js'
import type { Variable } from '../../variables.js'
import { parseQuery, splitUrl, urlWithParams } from '../../url-params.js'
import type { ImportBuilder } from '../import-builder.js'
import { arr, isRecord, str } from '../parse-document.js'

type Json = Record<string, unknown>

const SCRIPT_REASON =
  'Hoppscotch scripts use the pw/hopp API, not the pm API Courier runs; the script was kept as text and will not run as-is until rewritten.'

/** A Hoppscotch collection export: one collection (`v`, `name`, `folders`, `requests`) or a list of them. */
export function isHoppscotchCollection(doc: unknown): boolean {
  const one = (c: unknown) => isRecord(c) && c.v !== undefined && Array.isArray(c.folders) && Array.isArray(c.requests)
  return Array.isArray(doc) ? doc.length > 0 && doc.every(one) : one(doc)
}

/** A Hoppscotch environment export: `{ name, variables: [{ key, … }] }` or a list of them. */
export function isHoppscotchEnvironment(doc: unknown): boolean {
  const one = (e: unknown) =>
    isRecord(e) &&
    typeof e.name === 'string' &&
    Array.isArray(e.variables) &&
    e.variables.every((v) => isRecord(v) && typeof v.key === 'string') &&
    e.values === undefined
  return Array.isArray(doc) ? doc.length > 0 && doc.every(one) : one(doc)
}

/** `<<name>>` is Hoppscotch's variable; Courier's is `{{name}}`. */
export function hoppText(value: unknown): string {
  return str(value).replace(/<<([\w.-]+)>>/g, '{{$1}}')
}

function rows(list: unknown): Row[] {
  return arr(list)
    .filter(isRecord)
    .map((r): Row => [hoppText(r.key), hoppText(r.value), r.active !== false])
}

function variables(list: unknown, where: string, builder: ImportBuilder): Variable[] {
  return arr(list)
    .filter(isRecord)
    .filter((v) => str(v.key))
    .map((v) => {
      // v10+: initialValue (shared) and currentValue (this machine); older: value.
      const value = v.initialValue !== undefined ? v.initialValue : v.value
      if (v.currentValue !== undefined && str(v.currentValue) !== str(v.initialValue))
        builder.skip(
          where,
          `current value of “${str(v.key)}”`,
          'Courier keeps the initial value; the current value was left out.',
        )
      return {
        name: str(v.key).slice(0, 200),
        value: hoppText(value),
        enabled: true,
        secret: v.secret === true,
      }
    })
}

function auth(raw: unknown, where: string, builder: ImportBuilder, top: boolean): Auth {
  if (!isRecord(raw)) return { type: top ? 'none' : 'inherit' }
  if (raw.authActive === false) return { type: 'none' }
  const t = (v: unknown) => hoppText(v)
  switch (str(raw.authType)) {
    case 'none':
      return { type: 'none' }
    case 'inherit':
      return top ? { type: 'none' } : { type: 'inherit' }
    case 'basic':
      return { type: 'basic', username: t(raw.username), password: t(raw.password) }
    case 'digest':
      return { type: 'digest', username: t(raw.username), password: t(raw.password) }
    case 'bearer':
      return { type: 'bearer', token: t(raw.token), prefix: 'Bearer' }
    case 'api-key':
      return {
        type: 'apikey',
        name: t(raw.key),
        value: t(raw.value),
        in: raw.addTo === 'QUERY_PARAMS' ? 'query' : 'header',
      }
    case 'oauth-2': {
      const g = isRecord(raw.grantTypeInfo) ? raw.grantTypeInfo : {}
      const grant = str(g.grantType)
      return {
        type: 'oauth2',
        config: {
          grant:
            grant === 'CLIENT_CREDENTIALS'
              ? 'client_credentials'
              : grant === 'PASSWORD'
                ? 'password'
                : grant === 'IMPLICIT'
                  ? 'implicit'
                  : g.isPKCE === true
                    ? 'authorization_code_pkce'
                    : 'authorization_code',
          issuer: '',
          authUrl: t(g.authEndpoint),
          tokenUrl: t(g.tokenEndpoint),
          deviceAuthUrl: '',
          clientId: t(g.clientID),
          clientSecret: t(g.clientSecret),
          clientAuth: g.clientAuthentication === 'AS_BASIC_AUTH_HEADERS' ? 'client_secret_basic' : 'client_secret_post',
          scope: t(g.scopes),
          audience: '',
          resource: '',
          redirectUri: '',
          pkceMethod: g.codeVerifierMethod === 'plain' ? 'plain' : 'S256',
          username: t(g.username),
          password: t(g.password),
          authParams: [],
          tokenParams: [],
          tokenKey: 'default',
          headerPrefix: 'Bearer',
          autoRefresh: true,
        },
      }
    }
    default:
      builder.skip(
        where,
        `auth type “${str(raw.authType)}”`,
        'Courier cannot sign requests this way; it was imported without auth.',
      )
      return { type: 'none' }
  }
}

function body(raw: unknown, where: string, builder: ImportBuilder): RequestBody {
  if (!isRecord(raw) || raw.contentType === null || raw.contentType === undefined) return { kind: 'none' }
  const type = str(raw.contentType)
  if (type === 'multipart/form-data') {
    const parts = arr(raw.body)
      .filter(isRecord)
      .map((p): MultipartPart => {
        const contentType = p.contentType ? { contentType: str(p.contentType) } : {}
        if (p.isFile === true) {
          builder.skip(
            where,
            `file part “${str(p.key)}”`,
            'Hoppscotch exports do not hold the file; choose it again in the Body tab.',
          )
          return {
            kind: 'file',
            name: hoppText(p.key),
            enabled: p.active !== false,
            file: null,
            headers: [],
            ...contentType,
          }
        }
        return {
          kind: 'text',
          name: hoppText(p.key),
          value: hoppText(p.value),
          enabled: p.active !== false,
          headers: [],
          ...contentType,
        }
      })
    return { kind: 'multipart', parts }
  }
  if (type === 'application/x-www-form-urlencoded') {
    // Hoppscotch writes form fields as text lines `key: value`, a `#` in front of a disabled one.
    const fields = str(raw.body)
      .split('\n')
      .filter((line) => line.trim())
      .map((line): Row => {
        const off = line.trimStart().startsWith('#')
        const text = off ? line.trimStart().slice(1) : line
        const colon = text.indexOf(':')
        return colon === -1
          ? [hoppText(text.trim()), '', !off]
          : [hoppText(text.slice(0, colon).trim()), hoppText(text.slice(colon + 1).trim()), !off]
      })
    return { kind: 'form', fields }
  }
  if (type === 'application/octet-stream') {
    builder.skip(where, 'binary body', 'Hoppscotch exports do not hold the file; choose it again in the Body tab.')
    return { kind: 'binary', file: null }
  }
  if (type === 'application/json') return { kind: 'json', text: hoppText(raw.body) }
  return { kind: 'raw', text: hoppText(raw.body), contentType: type }
}

function inheritable(c: Json, where: string, builder: ImportBuilder, top: boolean): Partial<Inheritable> {
  const pre = hoppText(c.preRequestScript)
  const test = hoppText(c.testScript)
  if (pre.trim()) builder.skip(where, 'pre-request script', SCRIPT_REASON)
  if (test.trim()) builder.skip(where, 'test script', SCRIPT_REASON)
  return {
    description: str(c.description),
    auth: auth(c.auth, where, builder, top),
    headers: rows(c.headers),
    variables: variables(c.variables, where, builder),
    scripts: { preRequest: pre, test },
  }
}

function request(r: Json, where: string, builder: ImportBuilder): RequestSpecInput {
  const pre = hoppText(r.preRequestScript)
  const test = hoppText(r.testScript)
  if (pre.trim()) builder.skip(where, 'pre-request script', SCRIPT_REASON)
  if (test.trim()) builder.skip(where, 'test script', SCRIPT_REASON)
  if (arr(r.requestVariables).length)
    builder.skip(
      where,
      `${arr(r.requestVariables).length} request variable(s)`,
      'Courier requests have no variables of their own; set them on the folder or collection.',
    )
  if (isRecord(r.responses) && Object.keys(r.responses).length)
    builder.skip(
      where,
      `${Object.keys(r.responses).length} saved response(s)`,
      'Hoppscotch saved responses are not carried.',
    )
  if (str(r.description)) builder.skip(where, 'description', 'Courier requests have no description; it was left out.')
  const endpoint = hoppText(r.endpoint)
  const inUrl = parseQuery(splitUrl(endpoint).query ?? '').map(([n, v]): Row => [n, v, true])
  const params = [...inUrl, ...rows(r.params)]
  // Hoppscotch sends its params on top of the endpoint; Courier's URL carries the enabled ones.
  const url = params.some((p) => p[2]) ? urlWithParams(endpoint, params) : endpoint
  return {
    method: str(r.method, 'GET').toUpperCase(),
    url,
    params,
    headers: rows(r.headers),
    body: body(r.body, where, builder),
    auth: auth(r.auth, where, builder, false),
    scripts: { preRequest: pre, test },
  }
}

/**
 * A request of the first format (no `v`): `url` + `path`, a flat `contentType`/`body` (or
 * `rawParams`), auth as a label (`Basic Auth`, `Bearer Token`) with `httpUser`, `httpPassword`,
 * `bearerToken`; as the current shape, the way Hoppscotch's own migration reads it.
 */
function legacy(r: Json): Json {
  if (r.v !== undefined || r.endpoint !== undefined || r.url === undefined) return r
  const text = r.rawParams !== undefined ? r.rawParams : r.body
  const label = str(r.auth)
  return {
    ...r,
    endpoint: `${str(r.url)}${str(r.path)}`,
    body: str(text)
      ? { contentType: str(r.contentType, 'application/json'), body: text }
      : { contentType: null, body: null },
    auth:
      label === 'Basic Auth'
        ? { authType: 'basic', authActive: true, username: r.httpUser, password: r.httpPassword }
        : label === 'Bearer Token'
          ? { authType: 'bearer', authActive: true, token: r.bearerToken }
          : { authType: 'none', authActive: true },
  }
}

/** A Hoppscotch collection export (any `v`): each top collection a Courier collection, sub-collections folders. */
export function importHoppscotchCollection(doc: unknown, builder: ImportBuilder): void {
  for (const c of (Array.isArray(doc) ? doc : [doc]).filter(isRecord)) {
    const tree = builder.collection(c.name, inheritable(c, str(c.name), builder, true))
    walk(c, tree, null, tree.name, builder)
  }
}

function walk(c: Json, tree: CollectionTree, parentId: string | null, path: string, builder: ImportBuilder): void {
  for (const f of arr(c.folders).filter(isRecord)) {
    const where = `${path} › ${str(f.name)}`
    const id = builder.folder(tree, parentId, { name: f.name, ...inheritable(f, where, builder, false) })
    walk(f, tree, id, where, builder)
  }
  for (const raw of arr(c.requests).filter(isRecord)) {
    const r = legacy(raw)
    const where = `${path} › ${str(r.name)}`
    if (r.endpoint === undefined) {
      builder.skip(
        where,
        'request',
        'It is not an HTTP request (GraphQL, realtime); Courier imports REST requests from Hoppscotch.',
      )
      continue
    }
    builder.request(tree, parentId, r.name, request(r, where, builder), where)
  }
}

/** Hoppscotch environments (one or a list). */
export function importHoppscotchEnvironment(doc: unknown, builder: ImportBuilder): void {
  for (const e of (Array.isArray(doc) ? doc : [doc]).filter(isRecord)) {
    const vars = variables(e.variables, str(e.name), builder)
    const secrets = vars.filter((v) => v.secret && v.value === '').length
    if (secrets)
      builder.skip(
        str(e.name),
        `${secrets} secret value(s)`,
        'Hoppscotch does not export secret values; fill them in after import.',
      )
    builder.environment(e.name, vars)
  }
}
