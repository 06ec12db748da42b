import postman from 'postman-collection'
import type { CollectionItem, CollectionTree, Folder } from '../../collection.js'
import { applyInheritance, type InheritLevel } from '../../inheritance.js'
import { METHODS_WITHOUT_BODY } from '../../http-rules.js'
import type { RequestBody, RequestSpec, Row } from '../../request-spec.js'
import { REALTIME_KIND_LABELS } from '../../realtime-spec.js'
import { encodeQueryPart, splitUrl } from '../../url-params.js'
import type { Variable } from '../../variables.js'
import { safeFileName, type ExportFile } from '../export-file.js'
import { maskAuth, maskSpec, maskVariables, SecretTally } from '../mask-secrets.js'
import { authToPostman } from './postman-auth.js'
import { eventsFromScripts, examplesToPostman } from './postman-events.js'

export const POSTMAN_SCHEMA_V21 = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json'

const LANGUAGE_OF: Record<string, string> = {
  'text/plain': 'text',
  'application/javascript': 'javascript',
  'text/javascript': 'javascript',
  'text/html': 'html',
  'application/xml': 'xml',
  'text/xml': 'xml',
}

export type ExportOptions = { includeSecrets?: boolean }

type Json = Record<string, unknown>

class Exporter {
  readonly notes = new Set<string>()
  readonly tally = new SecretTally()
  constructor(readonly includeSecrets: boolean) {}

  variables(list: readonly Variable[]): Json[] {
    const shown = this.includeSecrets ? list : maskVariables(list, this.tally)
    return shown.map((v) => ({
      key: v.name,
      value: v.value,
      type: v.secret ? 'secret' : 'default',
      ...(v.enabled ? {} : { disabled: true }),
    }))
  }

  /** Any level's auth (collection, folder, request), its credentials left out unless asked. */
  auth(auth: RequestSpec['auth'], where: string): Json {
    const out = authToPostman(this.includeSecrets ? auth : maskAuth(auth, this.tally))
    if (out.problem) this.notes.add(`${where}: ${out.problem}`)
    return out.auth ? { auth: out.auth } : {}
  }

  url(spec: RequestSpec): Json {
    // Postman substitutes `:id` segments only; Courier's `{id}` segments become `:id`.
    const raw = splitUrl(spec.url).base.replace(/\/\{([A-Za-z_][\w.-]*)\}(?=\/|$)/g, '/:$1')
    const parsed = postman.Url.parse(raw) as Json
    // Postman's query keys and values are as written in the URL: the enabled ones are the URL's
    // own pieces (in order, as url-params.ts pairs them), the disabled ones encoded as it would.
    const pieces = (splitUrl(spec.url).query ?? '').split('&').filter((piece) => piece !== '')
    const enabledRows = spec.params.filter((row) => row[2]).length
    let next = 0
    const query = spec.params.map(([key, value, enabled]) => {
      const piece = enabled && pieces.length === enabledRows ? pieces[next++] : undefined
      const eq = piece?.indexOf('=') ?? -1
      const written =
        piece === undefined
          ? { key: encodeQueryPart(key, true), value: encodeQueryPart(value, false) }
          : eq === -1
            ? { key: piece, value: null }
            : { key: piece.slice(0, eq), value: piece.slice(eq + 1) }
      return { ...written, ...(enabled ? {} : { disabled: true }) }
    })
    const text = enabledRows ? `${raw}?${splitUrl(spec.url).query ?? ''}` : raw
    return {
      ...parsed,
      raw: text,
      ...(query.length ? { query } : {}),
      ...(spec.pathParams.length ? { variable: spec.pathParams.map(([key, value]) => ({ key, value })) } : {}),
    }
  }

  body(body: RequestBody, headers: Json[], where: string): Json | undefined {
    switch (body.kind) {
      case 'none':
        return undefined
      case 'json':
        return { mode: 'raw', raw: body.text, options: { raw: { language: 'json' } } }
      case 'raw': {
        const language = LANGUAGE_OF[body.contentType.split(';')[0]!.trim().toLowerCase()]
        if (!language && !headers.some((h) => String(h.key).toLowerCase() === 'content-type'))
          headers.push({ key: 'Content-Type', value: body.contentType })
        return { mode: 'raw', raw: body.text, options: { raw: { language: language ?? 'text' } } }
      }
      case 'form':
        if (body.spaceAs !== '%20' && body.fields.some(([key, value, on]) => on && `${key}${value}`.includes(' ')))
          this.notes.add(`${where}: Postman writes a space in a form field as %20, where Courier writes +.`)
        return {
          mode: 'urlencoded',
          urlencoded: body.fields.map(([key, value, enabled]) => ({
            key,
            value,
            ...(enabled ? {} : { disabled: true }),
          })),
        }
      case 'multipart':
        return {
          mode: 'formdata',
          formdata: body.parts.map((part) => {
            const common = {
              key: part.name,
              ...(part.enabled ? {} : { disabled: true }),
              ...(part.contentType ? { contentType: part.contentType } : {}),
            }
            if (part.headers.length)
              this.notes.add(`${where}: Postman has no per-part headers; part “${part.name}” lost them.`)
            if (part.kind === 'text') {
              if (part.filename)
                this.notes.add(
                  `${where}: Postman cannot send a text value as a file; part “${part.name}” is a plain text field.`,
                )
              return { ...common, type: 'text', value: part.value }
            }
            this.notes.add(`${where}: file part “${part.name}” carries no file; choose it again after importing.`)
            return { ...common, type: 'file', src: part.file?.filename ?? null }
          }),
        }
      case 'binary':
        this.notes.add(`${where}: the binary body's file is not in the export; choose it again after importing.`)
        return { mode: 'file', file: { src: body.file?.filename ?? null } }
      case 'graphql':
        if (body.operationName)
          this.notes.add(`${where}: Postman has no GraphQL operation name; “${body.operationName}” was left out.`)
        return { mode: 'graphql', graphql: { query: body.query, variables: body.variables } }
    }
  }

  request(item: Extract<CollectionItem, { kind: 'request' }>, chain: readonly InheritLevel[], path: string): Json {
    const where = `${path} › ${item.name}`
    // Postman has no collection or folder headers: they go down into each request.
    const pushed = chain.some((level) => level.headers.some((h) => h[2]))
      ? applyInheritance({ ...item.request, auth: { type: 'none' } }, chain).headers
      : item.request.headers
    if (pushed !== item.request.headers)
      this.notes.add('Collection and folder headers were copied into each request (Postman has no inherited headers).')
    const spec = this.includeSecrets
      ? { ...item.request, headers: pushed }
      : maskSpec({ ...item.request, headers: pushed }, this.tally)
    const headers: Json[] = spec.headers.map(([key, value, enabled]: Row) => ({
      key,
      value,
      ...(enabled ? {} : { disabled: true }),
    }))
    if (spec.cookies.trim()) headers.push({ key: 'Cookie', value: spec.cookies.trim() })
    const body = this.body(spec.body, headers, where)
    const s = spec.settings
    const behavior: Json = {}
    if (s.followRedirects !== undefined) behavior.followRedirects = s.followRedirects
    if (s.maxRedirects !== undefined) behavior.maxRedirects = s.maxRedirects
    if (s.verifyTls !== undefined) behavior.strictSSL = s.verifyTls
    if (s.useCookieJar !== undefined) behavior.disableCookies = !s.useCookieJar
    // Where Postman's defaults differ from Courier's (postman-behavior.ts): say Courier's.
    if (spec.body.kind !== 'none' && METHODS_WITHOUT_BODY.has(spec.method) && s.pruneBody !== true)
      behavior.disableBodyPruning = true
    if (s.redirectMethod === 'original') behavior.followOriginalHttpMethod = true
    if (s.refererOnRedirect !== true) behavior.removeRefererHeaderOnRedirect = true
    const lost = [
      s.timeoutMs && 'timeout',
      s.connectTimeoutMs && 'connect timeout',
      s.retry && 'retries',
      s.idempotencyKey && 'Idempotency-Key',
      s.maxResponseBytes && 'response size cap',
    ].filter(Boolean)
    if (lost.length) this.notes.add(`${where}: Postman has no per-request ${lost.join(', ')}; left out.`)
    if (spec.realtime)
      this.notes.add(
        `${where}: Postman collections hold HTTP requests only; this ${REALTIME_KIND_LABELS[spec.realtime.kind]} session is exported as a plain request to its URL, its saved messages left out.`,
      )
    if (spec.captures.length)
      this.notes.add(`${where}: response captures are not exported (Postman uses test scripts for them).`)
    return {
      name: item.name,
      ...(Object.keys(behavior).length ? { protocolProfileBehavior: behavior } : {}),
      request: {
        method: spec.method,
        header: headers,
        url: this.url(spec),
        ...(body ? { body } : {}),
        ...this.auth(spec.auth, where),
      },
      ...withEvents(spec.scripts),
      response: examplesToPostman(spec.examples),
    }
  }

  folder(folder: Folder, children: Json[]): Json {
    return {
      name: folder.name,
      ...(folder.description ? { description: folder.description } : {}),
      item: children,
      ...withEvents(folder.scripts),
      ...this.auth(folder.auth, folder.name),
      ...(folder.variables.length ? { variable: this.variables(folder.variables) } : {}),
    }
  }
}

function withEvents(scripts: RequestSpec['scripts'] | undefined): { event?: Json[] } {
  const event = eventsFromScripts(scripts)
  return event.length ? { event } : {}
}

function level(
  node: { name: string; auth: RequestSpec['auth']; headers: Row[]; variables: Variable[] },
  kind: InheritLevel['kind'],
): InheritLevel {
  return { kind, name: node.name, auth: node.auth, headers: node.headers, variables: node.variables }
}

/**
 * A collection, or one folder of it, as a Postman v2.1 collection (runs in Postman and newman).
 * A folder export carries what it inherits: the collection's auth and variables on top.
 */
export function exportPostman(tree: CollectionTree, options: ExportOptions & { folderId?: string } = {}): ExportFile {
  const exporter = new Exporter(options.includeSecrets === true)
  const byParent = new Map<string | null, CollectionItem[]>()
  for (const item of tree.items) byParent.set(item.parentId, [...(byParent.get(item.parentId) ?? []), item])
  for (const list of byParent.values()) list.sort((a, b) => a.position - b.position)

  const build = (parentId: string | null, chain: InheritLevel[], path: string): Json[] =>
    (byParent.get(parentId) ?? []).map((item) => {
      if (item.kind === 'request') return exporter.request(item, chain, path)
      return exporter.folder(
        item,
        build(item.id, [...chain, level({ ...item, auth: { type: 'inherit' } }, 'folder')], `${path} › ${item.name}`),
      )
    })

  const rootLevel = level({ ...tree, auth: { type: 'inherit' } }, 'collection')
  let name = tree.name
  let top: Json
  if (options.folderId) {
    const folder = tree.items.find((item): item is Folder => item.id === options.folderId && item.kind === 'folder')
    if (!folder) throw new Error('That folder is not in this collection.')
    const ancestors: Folder[] = []
    for (let id = folder.parentId; id;) {
      const parent = tree.items.find((item): item is Folder => item.id === id && item.kind === 'folder')
      if (!parent) break
      ancestors.unshift(parent)
      id = parent.parentId
    }
    const levels = [tree, ...ancestors, folder]
    const auth = [...levels].reverse().find((l) => l.auth.type !== 'inherit')?.auth ?? { type: 'inherit' as const }
    const variables = new Map<string, Variable>()
    for (const l of levels) for (const v of l.variables) variables.set(v.name, v)
    const chain = [
      rootLevel,
      ...ancestors.map((a) => level({ ...a, auth: { type: 'inherit' } }, 'folder')),
      level({ ...folder, auth: { type: 'inherit' } }, 'folder'),
    ]
    name = folder.name
    top = {
      description: folder.description,
      ...exporter.auth(auth, name),
      variable: exporter.variables([...variables.values()]),
      item: build(folder.id, chain, name),
    }
  } else {
    top = {
      description: tree.description,
      ...exporter.auth(tree.auth, name),
      variable: exporter.variables(tree.variables),
      ...withEvents(tree.scripts),
      item: build(null, [rootLevel], name),
    }
  }
  const { description, ...rest } = top
  const doc = { info: { name, ...(description ? { description } : {}), schema: POSTMAN_SCHEMA_V21 }, ...rest }
  return {
    filename: safeFileName(name, 'postman_collection.json'),
    mediaType: 'application/json',
    text: `${JSON.stringify(doc, null, 2)}\n`,
    notes: [...exporter.notes, ...exporter.tally.note()],
  }
}
