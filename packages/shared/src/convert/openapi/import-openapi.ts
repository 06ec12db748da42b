import type { CollectionTree } from '../../collection.js'
import type { Auth, Pair, RequestBody, RequestSpecInput, Row } from '../../request-spec.js'
import { urlWithParams } from '../../url-params.js'
import type { Variable } from '../../variables.js'
import type { ImportBuilder } from '../import-builder.js'
import { arr, isRecord, str } from '../parse-document.js'
import { exampleOf, exampleText } from './example-from-schema.js'
import { requestBody, swaggerBody } from './openapi-body.js'
import { operationExamples } from './openapi-examples.js'
import { authFromScheme, securityNotes } from './openapi-security.js'
import { serverEnvironments, serverUrl } from './openapi-servers.js'
import { resolveRefs, type RefSource } from './resolve-refs.js'
import { specProblem } from './validate-spec.js'

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const

type Obj = Record<string, unknown>

export function isOpenApi(doc: unknown): boolean {
  return (
    isRecord(doc) &&
    (typeof doc.openapi === 'string' || doc.swagger === '2.0' || doc.swagger === 2) &&
    (isRecord(doc.paths) || isRecord(doc.webhooks))
  )
}

export function openApiLabel(doc: Obj): string {
  return typeof doc.openapi === 'string' ? `OpenAPI ${doc.openapi}` : 'Swagger 2.0'
}

function baseUrl(doc: Obj, variables: Map<string, Variable>): string {
  if (doc.swagger !== undefined) {
    const scheme = str(arr(doc.schemes)[0], 'https')
    const host = str(doc.host)
    return host ? `${scheme}://${host}${str(doc.basePath)}` : str(doc.basePath)
  }
  const servers = arr(doc.servers).filter(isRecord)
  return servers[0] ? serverUrl(servers[0], variables) : ''
}

type Security = { auth: Auth; key: string }

function security(
  requirements: unknown,
  schemes: Obj,
  variables: Map<string, Variable>,
  builder: ImportBuilder,
  where: string,
): Security | null {
  if (requirements === undefined) return null
  const list = arr(requirements).filter(isRecord)
  if (list.length === 0) return { auth: { type: 'none' }, key: 'none' }
  const first = list[0]!
  const names = Object.keys(first)
  if (names.length === 0) return { auth: { type: 'none' }, key: 'none' }
  if (names.length > 1)
    builder.skip(
      where,
      `security “${names.join(' + ')}”`,
      `Courier applies one auth per request; “${names[0]}” is used.`,
    )
  const name = names[0]!
  const out = authFromScheme(name, schemes[name], arr(first[name]).map(String))
  if (out.problem) builder.skip(where, `security scheme “${name}”`, out.problem)
  for (const v of out.variables) if (!variables.has(v.name)) variables.set(v.name, v)
  return { auth: out.auth, key: JSON.stringify(out.auth) }
}

function operationRequest(
  doc: Obj,
  path: string,
  method: string,
  pathItem: Obj,
  op: Obj,
  ctx: { base: string; builder: ImportBuilder; where: string; swagger: boolean },
): RequestSpecInput {
  const { builder, where } = ctx
  // Operation parameters override path-level ones of the same name and location.
  const merged = new Map<string, Obj>()
  for (const p of [...arr(pathItem.parameters), ...arr(op.parameters)].filter(isRecord))
    merged.set(`${str(p.in)}:${str(p.name)}`, p)
  const params = [...merged.values()]
  const query: Row[] = []
  const headers: Row[] = []
  const pathParams: Pair[] = []
  const cookies: string[] = []
  for (const p of params) {
    const name = str(p.name)
    const value = exampleText(exampleOf(p))
    switch (p.in) {
      case 'path':
        pathParams.push([name, value])
        break
      case 'query':
        query.push([name, value, p.required === true])
        break
      case 'header':
        headers.push([name, value, p.required === true])
        break
      case 'cookie':
        cookies.push(`${name}=${value}`)
        break
    }
  }
  let body: { body: RequestBody; contentType?: string }
  if (ctx.swagger) body = swaggerBody(params, arr(op.consumes ?? doc.consumes).map(String))
  else
    body =
      isRecord(op.requestBody) && isRecord(op.requestBody.content)
        ? requestBody(op.requestBody.content, where, builder)
        : { body: { kind: 'none' } }
  if (body.contentType && !headers.some(([n]) => n.toLowerCase() === 'content-type'))
    headers.push(['Content-Type', body.contentType, true])
  if (isRecord(op.callbacks))
    builder.skip(
      where,
      `callback${Object.keys(op.callbacks).length > 1 ? 's' : ''} ${Object.keys(op.callbacks).join(', ')}`,
      'Callbacks are requests the API makes to you; Courier imports only requests you make.',
    )
  return {
    method: method.toUpperCase(),
    url: urlWithParams(`{{baseUrl}}${path}`, query),
    params: query,
    pathParams,
    headers,
    cookies: cookies.join('; '),
    body: body.body,
  }
}

/** True when the document has a `$ref` to another file or URL (not `#/…`). */
export function hasExternalRefs(doc: unknown): boolean {
  const stack = [doc]
  while (stack.length) {
    const node = stack.pop()
    if (Array.isArray(node)) stack.push(...node)
    else if (isRecord(node))
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string' && !value.startsWith('#')) return true
        if (typeof value === 'object' && value !== null) stack.push(value)
      }
  }
  return false
}

/**
 * OpenAPI 3.0/3.1 or Swagger 2.0. `$ref`s are resolved by `resolveRefs`: other files are read
 * only through `refs.load` (the server fetches them by URL through its engine, or looks them up
 * among the uploaded files); a pasted spec's external refs are reported. A single-file spec is
 * validated against the OpenAPI schemas first (validate-spec.ts). Tags become folders, operations requests, servers
 * environments (the first also `{{baseUrl}}`), security schemes auth, examples saved examples.
 */
export async function importOpenApi(source: Obj, builder: ImportBuilder, refs?: RefSource): Promise<void> {
  const title = isRecord(source.info) ? str(source.info.title, 'API') : 'API'
  if (!hasExternalRefs(source)) validateSpec(source, builder, title)
  const { doc } = await resolveRefs(source, refs, builder, title)
  const swagger = doc.swagger !== undefined
  const variables = new Map<string, Variable>()
  const base = baseUrl(doc, variables)
  variables.set('baseUrl', { name: 'baseUrl', value: base, enabled: true, secret: false })
  const serverNotes = serverEnvironments(doc, builder, title)
  const schemes: Obj = swagger
    ? isRecord(doc.securityDefinitions)
      ? doc.securityDefinitions
      : {}
    : isRecord(doc.components) && isRecord(doc.components.securitySchemes)
      ? doc.components.securitySchemes
      : {}
  const top = security(doc.security, schemes, variables, builder, title)

  const info = isRecord(doc.info) ? doc.info : {}
  const description = [str(info.description), serverNotes, securityNotes(schemes)].filter(Boolean).join('\n\n')
  const tree: CollectionTree = builder.collection(title, {
    description,
    auth: top?.auth ?? { type: 'none' },
  })
  const folders = new Map<string, string>()
  const tagDescriptions = new Map(
    arr(doc.tags)
      .filter(isRecord)
      .map((t) => [str(t.name), str(t.description)]),
  )
  const folderFor = (tag: string | undefined): string | null => {
    if (!tag) return null
    if (!folders.has(tag))
      folders.set(tag, builder.folder(tree, null, { name: tag, description: tagDescriptions.get(tag) ?? '' }))
    return folders.get(tag)!
  }

  const paths = isRecord(doc.paths) ? doc.paths : {}
  const extensions = new Map<string, number>()
  for (const [path, pathItem] of Object.entries(paths)) {
    if (!isRecord(pathItem)) continue
    if (arr(pathItem.servers).length)
      builder.skip(
        `${title} › ${path}`,
        'path servers',
        'Servers set on one path are not kept; its requests use {{baseUrl}}.',
      )
    for (const method of METHODS) {
      const op = pathItem[method]
      if (!isRecord(op)) continue
      const name = str(op.summary) || str(op.operationId) || `${method.toUpperCase()} ${path}`
      const tags = arr(op.tags).map(String)
      const where = `${title} › ${tags[0] ? `${tags[0]} › ` : ''}${name}`
      if (tags.length > 1)
        builder.skip(
          where,
          `tags ${tags.slice(1).join(', ')}`,
          `An operation with several tags is filed once, under “${tags[0]}”.`,
        )
      if (Object.keys(op).length === 0)
        builder.skip(
          where,
          'operation',
          'The operation is empty (its $ref could not be read, see above); only its method and path were imported.',
        )
      if (arr(op.servers).length)
        builder.skip(where, 'operation servers', 'Servers set on one operation are not kept; it uses {{baseUrl}}.')
      for (const key of Object.keys(op)) if (key.startsWith('x-')) extensions.set(key, (extensions.get(key) ?? 0) + 1)
      if (isRecord(op.externalDocs)) extensions.set('externalDocs', (extensions.get('externalDocs') ?? 0) + 1)
      const responses = isRecord(op.responses) ? Object.values(op.responses) : []
      if (responses.some((r) => isRecord(r) && isRecord(r.headers) && Object.keys(r.headers).length))
        extensions.set('response headers', (extensions.get('response headers') ?? 0) + 1)
      if (op.deprecated === true)
        builder.skip(where, 'deprecated', 'The operation is marked deprecated; Courier has no such mark.')
      const spec = operationRequest(doc, path, method, pathItem, op, { base, builder, where, swagger })
      const own = security(op.security, schemes, variables, builder, where)
      const auth: Auth = own && own.key !== top?.key ? own.auth : { type: 'inherit' }
      const examples = operationExamples(op, spec, where, builder, swagger)
      builder.request(tree, folderFor(tags[0]), name, { ...spec, auth, examples }, where)
    }
  }
  const NOT_KEPT: Record<string, string> = {
    externalDocs: 'Links to outside documentation are not kept.',
    'response headers': 'The headers a response documents are not kept (saved examples carry Content-Type).',
  }
  for (const [key, count] of extensions)
    builder.skip(
      title,
      `${key in NOT_KEPT ? key : `extension ${key}`} (${count} operation${count > 1 ? 's' : ''})`,
      NOT_KEPT[key] ?? 'Vendor extensions are not carried (code samples, SDK hints and the like).',
    )
  if (isRecord(doc.webhooks) && Object.keys(doc.webhooks).length) {
    builder.skip(
      title,
      `webhooks ${Object.keys(doc.webhooks).join(', ')}`,
      'Webhooks are requests the API makes to you; Courier imports only requests you make.',
    )
  }
  tree.variables = [...variables.values()]
}

function validateSpec(source: Obj, builder: ImportBuilder, title: string): void {
  try {
    const problem = specProblem(source)
    if (problem)
      builder.skip(
        title,
        'spec validation',
        `The spec does not validate (first problem: ${problem.slice(0, 300)}); what could be read was imported.`,
      )
  } catch (error) {
    builder.skip(
      title,
      'spec validation',
      `The spec could not be validated: ${(error as Error).message.split('\n')[0]!.slice(0, 300)}.`,
    )
  }
}
