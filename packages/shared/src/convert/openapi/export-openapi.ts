import { stringify } from 'yaml'
import type { CollectionItem, CollectionTree } from '../../collection.js'
import type { Auth, RequestSpec } from '../../request-spec.js'
import { isSecretHeader } from '../../http-rules.js'
import { parseQuery, splitUrl } from '../../url-params.js'
import { safeFileName, type ExportFile } from '../export-file.js'
import { responsesOf } from './export-examples.js'

type Obj = Record<string, unknown>

const SKIP_HEADERS = new Set([
  'content-type',
  'authorization',
  'cookie',
  'content-length',
  'host',
  'accept-encoding',
  'user-agent',
])

function schemeFor(auth: Auth): [string, Obj] | null {
  switch (auth.type) {
    case 'basic':
      return ['basicAuth', { type: 'http', scheme: 'basic' }]
    case 'digest':
      return ['digestAuth', { type: 'http', scheme: 'digest' }]
    case 'bearer':
      return ['bearerAuth', { type: 'http', scheme: 'bearer' }]
    case 'apikey':
      return [`apiKey_${auth.name.replace(/[^\w.-]/g, '_') || 'key'}`, { type: 'apiKey', name: auth.name, in: auth.in }]
    case 'oauth2': {
      const c = auth.config
      if (c.issuer)
        return [
          'openId',
          {
            type: 'openIdConnect',
            openIdConnectUrl: `${c.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`,
          },
        ]
      const scopes = Object.fromEntries(
        c.scope
          .split(/\s+/)
          .filter(Boolean)
          .map((s) => [s, '']),
      )
      const flow =
        c.grant === 'client_credentials'
          ? { clientCredentials: { tokenUrl: c.tokenUrl, scopes } }
          : c.grant === 'password'
            ? { password: { tokenUrl: c.tokenUrl, scopes } }
            : c.grant === 'implicit'
              ? { implicit: { authorizationUrl: c.authUrl, scopes } }
              : { authorizationCode: { authorizationUrl: c.authUrl, tokenUrl: c.tokenUrl, scopes } }
      return ['oauth2', { type: 'oauth2', flows: flow }]
    }
    default:
      return null
  }
}

/** `{{baseUrl}}/users/:id` → server `{{baseUrl}}`, path `/users/{id}`; absolute URLs give their origin. */
function splitTarget(url: string): { server: string; path: string } {
  const { base } = splitUrl(url.trim())
  const variable = /^(\{\{[^{}]+\}\})(.*)$/.exec(base)
  let server = ''
  let path = base
  if (variable) [server, path] = [variable[1]!, variable[2]!]
  else {
    const origin = /^([A-Za-z][\w+.-]*:\/\/[^/]+)(.*)$/.exec(base)
    if (origin) [server, path] = [origin[1]!, origin[2]!]
  }
  path = `/${path.replace(/^\/+/, '')}`.replace(/\/:([A-Za-z_][\w.-]*)/g, '/{$1}').replace(/\{\{([^{}]+)\}\}/g, '{$1}')
  return { server, path }
}

function body(spec: RequestSpec): Obj | undefined {
  const b = spec.body
  const example = (text: string): unknown => {
    try {
      return JSON.parse(text)
    } catch {
      return text
    }
  }
  switch (b.kind) {
    case 'json':
      return { content: { 'application/json': b.text.trim() ? { example: example(b.text) } : {} } }
    case 'raw':
      return { content: { [b.contentType || 'text/plain']: { example: b.text } } }
    case 'form':
      return {
        content: {
          'application/x-www-form-urlencoded': {
            schema: {
              type: 'object',
              properties: Object.fromEntries(
                b.fields.filter((f) => f[0]).map(([n, v]) => [n, { type: 'string', example: v }]),
              ),
            },
          },
        },
      }
    case 'multipart':
      return {
        content: {
          'multipart/form-data': {
            schema: {
              type: 'object',
              properties: Object.fromEntries(
                b.parts.map((p) => [
                  p.name,
                  p.kind === 'file' || p.filename
                    ? { type: 'string', format: 'binary' }
                    : { type: 'string', example: p.value },
                ]),
              ),
            },
          },
        },
      }
    case 'binary':
      return {
        content: { [b.contentType ?? 'application/octet-stream']: { schema: { type: 'string', format: 'binary' } } },
      }
    case 'graphql':
      return {
        content: {
          'application/json': {
            example: { query: b.query, ...(b.variables.trim() ? { variables: example(b.variables) } : {}) },
          },
        },
      }
    default:
      return undefined
  }
}

/**
 * A collection as an OpenAPI 3.1 skeleton: one operation per request (method + path), path,
 * query and header parameters with the values as examples, request bodies with examples,
 * auth as security schemes, top folders as tags, saved examples as responses (else one left for the author).
 */
export function exportOpenApi(tree: CollectionTree): ExportFile {
  const notes: string[] = []
  const paths: Record<string, Obj> = {}
  const servers = new Set<string>()
  const schemes: Record<string, Obj> = {}
  const byId = new Map(tree.items.map((i) => [i.id, i]))
  const topFolder = (item: CollectionItem): string | undefined => {
    let current: CollectionItem | undefined = item
    let top: string | undefined
    while (current?.parentId) {
      current = byId.get(current.parentId)
      if (current?.kind === 'folder') top = current.name
    }
    return top
  }
  const effectiveAuth = (item: CollectionItem): Auth => {
    let auth: Auth = item.kind === 'request' ? item.request.auth : item.auth
    for (
      let parent = item.parentId ? byId.get(item.parentId) : undefined;
      auth.type === 'inherit' && parent;
      parent = parent.parentId ? byId.get(parent.parentId) : undefined
    ) {
      if (parent.kind === 'folder') auth = parent.auth
    }
    return auth.type === 'inherit' ? tree.auth : auth
  }
  const collectionScheme = schemeFor(tree.auth.type === 'inherit' ? { type: 'none' } : tree.auth)
  if (collectionScheme) schemes[collectionScheme[0]] = collectionScheme[1]

  for (const item of tree.items) {
    if (item.kind !== 'request') continue
    const spec = item.request
    const { server, path } = splitTarget(spec.url)
    if (server) servers.add(server)
    const method = spec.method.toLowerCase()
    if (!['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'].includes(method)) {
      notes.push(`“${item.name}” uses ${spec.method}, which OpenAPI cannot describe; left out.`)
      continue
    }
    const operations = (paths[path] ??= {})
    if (operations[method]) {
      notes.push(`“${item.name}” is a second ${spec.method} ${path}; OpenAPI allows one, the first was kept.`)
      continue
    }
    const parameters: Obj[] = [
      ...[...path.matchAll(/\{([^{}]+)\}/g)].map((m) => ({
        name: m[1],
        in: 'path',
        required: true,
        schema: { type: 'string' },
        ...(spec.pathParams.find(([n]) => n === m[1])?.[1]
          ? { example: spec.pathParams.find(([n]) => n === m[1])![1] }
          : {}),
      })),
      ...parseQuery(splitUrl(spec.url).query ?? '').map(([name, value]) => ({
        name,
        in: 'query',
        schema: { type: 'string' },
        example: value,
      })),
      ...spec.headers
        .filter(([n, , e]) => e && n && !SKIP_HEADERS.has(n.toLowerCase()))
        .map(([name, value]) => ({
          name,
          in: 'header',
          schema: { type: 'string' },
          ...(isSecretHeader(name) ? {} : { example: value }),
        })),
    ]
    const unique = parameters.filter((p, i) => parameters.findIndex((q) => q.name === p.name && q.in === p.in) === i)
    const auth = effectiveAuth(item)
    const scheme = schemeFor(auth)
    if (scheme) schemes[scheme[0]] = scheme[1]
    const tag = topFolder(item)
    const requestBody = body(spec)
    operations[method] = {
      summary: item.name,
      operationId: `${method}${path.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      ...(tag ? { tags: [tag] } : {}),
      ...(unique.length ? { parameters: unique } : {}),
      ...(requestBody ? { requestBody } : {}),
      ...(scheme && scheme[0] !== collectionScheme?.[0]
        ? { security: [{ [scheme[0]]: [] }] }
        : auth.type === 'none' && collectionScheme
          ? { security: [] }
          : {}),
      responses: responsesOf(spec.examples),
    }
  }
  const tags = tree.items
    .filter((i) => i.kind === 'folder' && i.parentId === null)
    .map((f) => ({ name: f.name, ...(f.kind === 'folder' && f.description ? { description: f.description } : {}) }))
  const variables = new Map(tree.variables.filter((v) => !v.secret).map((v) => [v.name, v.value]))
  const doc = {
    openapi: '3.1.0',
    info: { title: tree.name, version: '1.0.0', ...(tree.description ? { description: tree.description } : {}) },
    servers: [...servers].map((url) => {
      const name = /^\{\{(.+)\}\}$/.exec(url)?.[1]
      return name && variables.get(name) ? { url: variables.get(name)!, description: `{{${name}}}` } : { url }
    }),
    ...(tags.length ? { tags } : {}),
    paths,
    ...(Object.keys(schemes).length ? { components: { securitySchemes: schemes } } : {}),
    ...(collectionScheme ? { security: [{ [collectionScheme[0]]: [] }] } : {}),
  }
  return {
    filename: safeFileName(tree.name, 'openapi.yaml'),
    mediaType: 'application/yaml',
    text: stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false }),
    notes,
  }
}
