import { dereference, validate } from '@readme/openapi-parser'
import type { CollectionTree } from '../../collection.js'
import type { Auth, Pair, RequestBody, RequestSpecInput, Row } from '../../request-spec.js'
import { urlWithParams } from '../../url-params.js'
import type { Variable } from '../../variables.js'
import type { ImportBuilder } from '../import-builder.js'
import { ConvertError } from '../import-result.js'
import { arr, isRecord, str } from '../parse-document.js'
import { exampleOf, exampleText } from './example-from-schema.js'
import { requestBody, swaggerBody } from './openapi-body.js'
import { authFromScheme } from './openapi-security.js'

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

/** `{scheme}://{host}` server variables become Courier `{{variables}}` with their defaults. */
function serverUrl(server: Obj, variables: Map<string, Variable>): string {
  const vars = isRecord(server.variables) ? server.variables : {}
  return str(server.url).replace(/\{([^{}]+)\}/g, (_, name: string) => {
    const def = isRecord(vars[name]) ? str((vars[name] as Obj).default) : ''
    if (!variables.has(name)) variables.set(name, { name, value: def, enabled: true, secret: false })
    return `{{${name}}}`
  })
}

function baseUrl(doc: Obj, variables: Map<string, Variable>, builder: ImportBuilder, where: string): string {
  if (doc.swagger !== undefined) {
    const scheme = str(arr(doc.schemes)[0], 'https')
    const host = str(doc.host)
    return host ? `${scheme}://${host}${str(doc.basePath)}` : str(doc.basePath)
  }
  const servers = arr(doc.servers).filter(isRecord)
  if (servers.length > 1)
    builder.skip(
      where,
      `${servers.length - 1} other server${servers.length > 2 ? 's' : ''}`,
      `Only the first server is used as {{baseUrl}}; others: ${servers
        .slice(1)
        .map((s) => str(s.url))
        .join(', ')
        .slice(0, 300)}.`,
    )
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

/**
 * OpenAPI 3.0/3.1 or Swagger 2.0, parsed and validated by @readme/openapi-parser with external
 * `$ref`s switched off (an import never makes Courier read files or fetch URLs). Tags become
 * folders, operations requests, the first server `{{baseUrl}}`, security schemes auth.
 */
export async function importOpenApi(source: Obj, builder: ImportBuilder): Promise<void> {
  const options = { resolve: { external: false }, dereference: { circular: 'ignore' as const }, timeoutMs: 10_000 }
  const title = isRecord(source.info) ? str(source.info.title, 'API') : 'API'
  try {
    const result = await validate(structuredClone(source) as never, options)
    if (!result.valid) {
      const first = result.errors[0]?.message.split('\n')[0] ?? ''
      builder.skip(
        title,
        'spec validation',
        `The spec does not validate (${result.errors.length + result.additionalErrors} problem${result.errors.length > 1 ? 's' : ''}, first: ${first.slice(0, 300)}); what could be read was imported.`,
      )
    }
  } catch (error) {
    builder.skip(
      title,
      'spec validation',
      `The spec could not be validated: ${(error as Error).message.split('\n')[0]!.slice(0, 300)}.`,
    )
  }
  let doc: Obj
  try {
    doc = (await dereference(structuredClone(source) as never, options)) as unknown as Obj
  } catch (error) {
    throw new ConvertError(
      'IMPORT_INVALID',
      `The spec's $refs could not be resolved: ${(error as Error).message.split('\n')[0]}.`,
    )
  }
  const swagger = doc.swagger !== undefined
  const variables = new Map<string, Variable>()
  const base = baseUrl(doc, variables, builder, title)
  variables.set('baseUrl', { name: 'baseUrl', value: base, enabled: true, secret: false })
  const schemes: Obj = swagger
    ? isRecord(doc.securityDefinitions)
      ? doc.securityDefinitions
      : {}
    : isRecord(doc.components) && isRecord(doc.components.securitySchemes)
      ? doc.components.securitySchemes
      : {}
  const top = security(doc.security, schemes, variables, builder, title)

  const info = isRecord(doc.info) ? doc.info : {}
  const tree: CollectionTree = builder.collection(title, {
    description: str(info.description),
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
  for (const [path, pathItem] of Object.entries(paths)) {
    if (!isRecord(pathItem)) continue
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
      const spec = operationRequest(doc, path, method, pathItem, op, { base, builder, where, swagger })
      const own = security(op.security, schemes, variables, builder, where)
      const auth: Auth = own && own.key !== top?.key ? own.auth : { type: 'inherit' }
      builder.request(tree, folderFor(tags[0]), name, { ...spec, auth }, where)
    }
  }
  if (isRecord(doc.webhooks) && Object.keys(doc.webhooks).length) {
    builder.skip(
      title,
      `webhooks ${Object.keys(doc.webhooks).join(', ')}`,
      'Webhooks are requests the API makes to you; Courier imports only requests you make.',
    )
  }
  tree.variables = [...variables.values()]
}
