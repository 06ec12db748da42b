import postman from 'postman-collection'
import stripJsonComments from 'strip-json-comments'
import type { CollectionTree, Inheritable } from '../../collection.js'
import type { MultipartPart, RequestBody, RequestSpecInput, Row } from '../../request-spec.js'
import { decodeQueryPart } from '../../url-params.js'
import type { Variable } from '../../variables.js'
import { ImportBuilder } from '../import-builder.js'
import { ConvertError } from '../import-result.js'
import { arr, isRecord, str } from '../parse-document.js'
import { authFromPostman } from './postman-auth.js'
import {
  behaviorSettings,
  disabledDefaultRows,
  innerBehavior,
  reportBehavior,
  type Behavior,
} from './postman-behavior.js'
import { examplesFromPostman, scriptsFromEvents } from './postman-events.js'
import { convertV1, postmanCollectionShape, shapeLabel } from './postman-shapes.js'

/** What the importer may carry that a file on the Courier server must not. */
export type PostmanImportOptions = {
  /**
   * Keep the file paths of file parts and file bodies (`source`): only for `courier run` on a
   * file, which reads them on the person's own machine as newman does. Off, a path never enters
   * what is imported (docs/security.md#what-a-send-carries).
   */
  keepFileSources?: boolean
}

const RAW_LANGUAGES: Record<string, string> = {
  text: 'text/plain',
  javascript: 'application/javascript',
  html: 'text/html',
  xml: 'application/xml',
}

/**
 * True for a Postman collection newman runs: v2.0/v2.1 (`info.schema` or `info._postman_schema`),
 * v1, either inside the Postman API's `{ "collection": … }`; with `loose`, also one with no `info`
 * (postman-shapes.ts).
 */
export function isPostmanCollection(doc: unknown, loose = false): boolean {
  return postmanCollectionShape(doc, loose) !== null
}

export function postmanVariables(list: unknown, where: string, builder: ImportBuilder): Variable[] {
  const variables: Variable[] = []
  for (const v of arr(list)) {
    if (!isRecord(v)) continue
    const name = str(v.key ?? v.id).trim()
    if (!name) continue
    if (name.length > 200) {
      builder.skip(where, `variable “${name.slice(0, 40)}…”`, 'Its name is longer than 200 characters.')
      continue
    }
    variables.push({
      name,
      value: str(v.value).slice(0, 1024 * 1024),
      enabled: v.disabled !== true && v.enabled !== false,
      secret: v.type === 'secret',
    })
  }
  return variables
}

function rows(list: unknown): Row[] {
  return arr(list)
    .filter(isRecord)
    .map((r): Row => [str(r.key), str(r.value), r.disabled !== true])
}

function header(headers: Row[], name: string): string | undefined {
  return headers.find(([n, , enabled]) => enabled && n.toLowerCase() === name)?.[1]
}

/**
 * postman-runtime removes `//` and `/* *\/` comments from a JSON body before it sends it
 * (request-helpers-presend.js, with strip-json-comments and no whitespace left in their place);
 * Courier sends JSON as written and checks it, so the import removes them the same way and says so.
 */
function withoutJsonComments(text: string, where: string, builder: ImportBuilder): string {
  if (!text.includes('//') && !text.includes('/*')) return text
  const stripped = stripJsonComments(text, { whitespace: false })
  if (stripped !== text)
    builder.skip(
      where,
      'comments in the JSON body',
      'Postman removes them when it sends the request, so they were removed here too; the rest of the body is as written.',
    )
  return stripped
}

function body(
  raw: unknown,
  headers: Row[],
  where: string,
  builder: ImportBuilder,
  options: PostmanImportOptions,
): RequestBody {
  if (!isRecord(raw) || raw.disabled === true) return { kind: 'none' }
  switch (raw.mode) {
    case 'raw': {
      const text = str(raw.raw)
      // postman-runtime sends no body (and so no Content-Type) for an empty raw body.
      if (text === '') return { kind: 'none' }
      const language = isRecord(raw.options) && isRecord(raw.options.raw) ? str(raw.options.raw.language) : ''
      const contentType = header(headers, 'content-type')
      if (language === 'json' || (!language && contentType && /json/i.test(contentType)))
        return { kind: 'json', text: withoutJsonComments(text, where, builder) }
      return { kind: 'raw', text, contentType: contentType ?? RAW_LANGUAGES[language] ?? 'text/plain' }
    }
    case 'urlencoded': {
      const fields = rows(raw.urlencoded)
      // postman-runtime writes a space as %20; said only where there is one (a round trip stays the same).
      return fields.some(([name, value]) => `${name}${value}`.includes(' '))
        ? { kind: 'form', fields, spaceAs: '%20' }
        : { kind: 'form', fields }
    }
    case 'formdata': {
      const parts: MultipartPart[] = []
      for (const p of arr(raw.formdata).filter(isRecord)) {
        const name = str(p.key)
        const enabled = p.disabled !== true
        const contentType = str(p.contentType) || undefined
        if (p.type === 'file') {
          const src = Array.isArray(p.src) ? p.src.map(String).join(', ') : str(p.src)
          // docs/security.md#what-a-send-carries: a path in a file never reads a file on the Courier server.
          if (src && options.keepFileSources) {
            // Several files under one key go as several parts of that name, as postman-runtime sends them.
            for (const source of Array.isArray(p.src) ? p.src.map(String) : [src])
              parts.push({
                kind: 'file',
                name,
                enabled,
                file: null,
                headers: [],
                source,
                ...(contentType ? { contentType } : {}),
              })
            continue
          }
          if (src)
            builder.skip(
              where,
              `file part “${name}”`,
              `It points at a file on the exporting machine (${src.slice(0, 200)}); choose the file again in the Body tab.`,
            )
          parts.push({ kind: 'file', name, enabled, file: null, headers: [], ...(contentType ? { contentType } : {}) })
        } else
          parts.push({
            kind: 'text',
            name,
            value: str(p.value),
            enabled,
            headers: [],
            ...(contentType ? { contentType } : {}),
          })
      }
      return { kind: 'multipart', parts }
    }
    case 'file': {
      const src = isRecord(raw.file) ? str(raw.file.src) : ''
      if (src && options.keepFileSources) return { kind: 'binary', file: null, source: src }
      builder.skip(
        where,
        'binary file body',
        src
          ? `It points at a file on the exporting machine (${src.slice(0, 200)}); choose the file again in the Body tab.`
          : 'No file was attached; choose one in the Body tab.',
      )
      return { kind: 'binary', file: null }
    }
    case 'graphql': {
      const g = isRecord(raw.graphql) ? raw.graphql : {}
      return { kind: 'graphql', query: str(g.query), variables: str(g.variables) }
    }
    default:
      if (raw.mode !== undefined)
        builder.skip(
          where,
          `body mode “${str(raw.mode)}”`,
          'Courier does not know this body mode; the request was imported without a body.',
        )
      return { kind: 'none' }
  }
}

/** What a query key (value) cannot hold as written without changing the URL: postman-url-encoder's key (value) set. */
// eslint-disable-next-line no-control-regex -- control characters are what this set encodes
const KEY_STRUCTURE = /[#&=\u0000-\u001f\u007f]/g
// eslint-disable-next-line no-control-regex -- likewise
const VALUE_STRUCTURE = /[#&\u0000-\u001f\u007f]/g

/**
 * A query key or value as postman-runtime writes it: as typed, but with `#`, `&` (and `=` in a key)
 * and control characters (a newline) percent-encoded, since written raw they would end the query,
 * split the pair, or be dropped by the URL parser. `{{variables}}` are left whole (resolved later).
 */
function queryPart(text: string, structure: RegExp): string {
  return text
    .split(/(\{\{[^{}]*\}\})/)
    .map((piece, index) =>
      index % 2 === 1
        ? piece
        : piece.replace(structure, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`),
    )
    .join('')
}

/** The URL as typed in Postman, with only the enabled query params in it, and every param row. */
function url(raw: unknown): { url: string; params: Row[]; pathParams: [string, string][] } {
  if (typeof raw === 'string') return { url: raw, params: [], pathParams: [] }
  if (!isRecord(raw)) return { url: '', params: [], pathParams: [] }
  // Postman keeps query keys and values as written in the URL (`10%3A00`, `a` with no `=`), and
  // postman-runtime sends them so: the URL text gets them as written, the rows decoded
  // (url-params.ts), so nothing is encoded twice.
  const query = arr(raw.query).filter(isRecord)
  const params = query.map((q): Row => [
    decodeQueryPart(str(q.key)),
    decodeQueryPart(str(q.value)),
    q.disabled !== true,
  ])
  const written = query
    .filter((q) => q.disabled !== true)
    .map((q) =>
      q.value === null || q.value === undefined
        ? queryPart(str(q.key), KEY_STRUCTURE)
        : `${queryPart(str(q.key), KEY_STRUCTURE)}=${queryPart(str(q.value), VALUE_STRUCTURE)}`,
    )
  // Built from the parts: the SDK's toString() fills `:id` segments in with their values.
  const segment = (s: unknown) => (isRecord(s) ? str(s.value) : str(s))
  const host = arr(raw.host).map(segment).join('.')
  const path = arr(raw.path).map(segment).join('/')
  const auth = isRecord(raw.auth)
    ? `${str(raw.auth.user)}${raw.auth.password !== undefined ? `:${str(raw.auth.password)}` : ''}@`
    : ''
  const base = `${raw.protocol ? `${str(raw.protocol)}://` : ''}${auth}${host}${raw.port ? `:${str(raw.port)}` : ''}${path || raw.path !== undefined ? `/${path}` : ''}`
  const hash = raw.hash ? `#${str(raw.hash)}` : ''
  const pathParams = arr(raw.variable)
    .filter(isRecord)
    .map((v): [string, string] => [str(v.key), str(v.value)])
  return { url: `${base}${written.length ? `?${written.join('&')}` : ''}${hash}`, params, pathParams }
}

/** Postman's names for its auth types, as its Authorization tab shows them. */
const AUTH_NAMES: Record<string, string> = {
  hawk: 'Hawk Authentication',
  ntlm: 'NTLM Authentication',
  edgegrid: 'Akamai EdgeGrid',
  asap: 'ASAP (Atlassian)',
  oauth1: 'OAuth 1.0',
  oauth2: 'OAuth 2.0',
  awsv4: 'AWS Signature',
  jwt: 'JWT Bearer',
  digest: 'Digest Auth',
}

/** The report's “what” for an auth that was not carried: the auth type by Postman's name for it. */
function authWhat(auth: unknown): string {
  const type = isRecord(auth) ? str(auth.type) : ''
  return type ? `${AUTH_NAMES[type] ?? type} auth` : 'auth'
}

/** `original` is the node as written: the SDK turns variable type "secret" into "any". */
function inheritable(
  node: Record<string, unknown>,
  original: Record<string, unknown>,
  where: string,
  builder: ImportBuilder,
): Partial<Inheritable> {
  const auth = authFromPostman(node.auth)
  if (auth.problem) builder.skip(where, authWhat(node.auth), auth.problem)
  return {
    description: description(node.description),
    auth: auth.auth,
    scripts: scriptsFromEvents(node.event, where, builder),
    variables: postmanVariables(original.variable, where, builder),
  }
}

function description(value: unknown): string {
  if (typeof value === 'string') return value.slice(0, 100_000)
  if (isRecord(value)) return str(value.content).slice(0, 100_000)
  return ''
}

/** `original` is the item as written: the SDK rewrites a saved example's request URL into parts without its raw text. */
function request(
  item: Record<string, unknown>,
  original: Record<string, unknown>,
  context: WalkContext,
  where: string,
): RequestSpecInput {
  const { builder } = context
  const req = isRecord(item.request) ? item.request : { url: str(item.request) }
  reportBehavior(original, where, builder)
  const behavior = innerBehavior(context.behavior, original)
  const headers = rows(req.header)
  const target = url(req.url)
  const auth = authFromPostman(req.auth)
  if (auth.problem) builder.skip(where, authWhat(req.auth), auth.problem)
  const scripts = scriptsFromEvents(item.event, where, builder)
  if (description(req.description ?? item.description))
    builder.skip(where, 'description', 'Courier requests have no description; it was left out.')
  const requestBody = body(req.body, headers, where, builder, context.options)
  const method = str(req.method, 'GET').toUpperCase() || 'GET'
  return {
    method,
    url: target.url,
    params: target.params,
    pathParams: target.pathParams,
    headers: [...headers, ...disabledDefaultRows(behavior, headers)],
    body: requestBody,
    auth: auth.auth,
    settings: behaviorSettings(behavior, method, requestBody.kind !== 'none'),
    scripts,
    examples: examplesFromPostman(original.response ?? item.response),
  }
}

/** What a level of the tree hands down: the protocolProfileBehavior resolved so far. */
type WalkContext = { builder: ImportBuilder; behavior: Behavior; options: PostmanImportOptions }

function walk(
  items: unknown,
  originals: unknown,
  tree: CollectionTree,
  parentId: string | null,
  path: string,
  context: WalkContext,
): void {
  const { builder } = context
  const raw = arr(originals)
  for (const [index, item] of arr(items).entries()) {
    if (!isRecord(item)) continue
    const original = isRecord(raw[index]) ? (raw[index] as Record<string, unknown>) : item
    const where = `${path} › ${str(item.name, 'Untitled')}`
    if (Array.isArray(item.item)) {
      const id = builder.folder(tree, parentId, { name: item.name, ...inheritable(item, original, where, builder) })
      reportBehavior(original, where, builder)
      const inner = { ...context, behavior: innerBehavior(context.behavior, original) }
      walk(item.item, original.item, tree, id, where, inner)
    } else {
      builder.request(tree, parentId, item.name, request(item, original, context, where), where)
    }
  }
}

/**
 * A Postman collection v2.0 or v2.1. postman-collection (Postman's own SDK) reads it, which
 * turns v2.0's shapes (auth objects, string URLs) into v2.1's; then the tree is walked.
 */
export function importPostmanCollection(
  doc: unknown,
  builder: ImportBuilder,
  options: PostmanImportOptions = {},
): void {
  const shape = postmanCollectionShape(doc, true)
  if (shape?.version === 'v1')
    builder.skip(
      str(shape.doc.name, 'Postman collection'),
      'v1 format',
      'The collection is in Postman’s v1 format; it was converted to v2.1 as newman converts it (postman-collection-transformer). Export it again as v2.1 to keep what v1 cannot say.',
    )
  doc = shape?.version === 'v1' ? convertV1(shape.doc) : (shape?.doc ?? doc)
  let normalized: Record<string, unknown>
  try {
    normalized = new postman.Collection(doc as never).toJSON() as unknown as Record<string, unknown>
  } catch (error) {
    throw new ConvertError('IMPORT_INVALID', `The Postman collection could not be read: ${(error as Error).message}.`)
  }
  const info = isRecord(normalized.info) ? normalized.info : {}
  const name = str(info.name, 'Postman collection')
  const original = isRecord(doc) ? doc : {}
  const tree = builder.collection(name, {
    ...inheritable(normalized, original, name, builder),
    description: description(info.description ?? normalized.description),
  })
  reportBehavior(original, name, builder)
  walk(normalized.item, original.item, tree, null, tree.name, {
    builder,
    behavior: innerBehavior({}, original),
    options,
  })
}

export function postmanVersionLabel(doc: unknown): string {
  const shape = postmanCollectionShape(doc, true)
  return shape ? shapeLabel(shape) : 'Postman collection v2.1'
}
