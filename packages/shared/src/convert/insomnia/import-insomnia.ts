import type { CollectionTree } from '../../collection.js'
import type { Auth, MultipartPart, RequestBody, Row } from '../../request-spec.js'
import { AwsSigV4ConfigSchema, OAUTH1_SIGNATURE_METHODS, OAuth1ConfigSchema } from '../../request-spec.js'
import { urlWithParams } from '../../url-params.js'
import type { Variable } from '../../variables.js'
import type { ImportBuilder } from '../import-builder.js'
import { arr, isRecord, str } from '../parse-document.js'

type Resource = Record<string, unknown> & { _id: string; _type: string; parentId: string | null }

export function isInsomnia(doc: unknown): boolean {
  return isRecord(doc) && doc._type === 'export' && Array.isArray(doc.resources)
}

/** Insomnia's Nunjucks `{{ _.name }}` is Courier's `{{name}}`; template tags `{% … %}` have no equivalent. */
function template(text: unknown, where: string, builder: ImportBuilder): string {
  const value = str(text)
    .replace(/\{\{\s*_\.([\w.-]+)\s*\}\}/g, '{{$1}}')
    .replace(/\{\{\s*_\[\s*'((?:[^'\\]|\\.)*)'\s*\]\s*\}\}/g, (_, name: string) => `{{${name.replace(/\\'/g, "'")}}}`)
  const tag = /\{%\s*(\w+)[^%]*%\}/.exec(value)
  if (tag)
    builder.skip(
      where,
      `template tag {% ${tag[1]} %}`,
      'Insomnia template tags (response references, prompts, uuid…) are kept as text; replace them with a variable or a response capture.',
    )
  return value
}

function variables(data: unknown, where: string, builder: ImportBuilder, prefix = ''): Variable[] {
  if (!isRecord(data)) return []
  return Object.entries(data).flatMap(([key, value]): Variable[] => {
    const name = `${prefix}${key}`
    if (isRecord(value)) return variables(value, where, builder, `${name}.`)
    return [
      {
        name: name.slice(0, 200),
        value: typeof value === 'string' ? template(value, where, builder) : JSON.stringify(value),
        enabled: true,
        secret: false,
      },
    ]
  })
}

function auth(raw: unknown, where: string, builder: ImportBuilder): Auth {
  if (!isRecord(raw) || Object.keys(raw).length === 0) return { type: 'inherit' }
  if (raw.disabled === true) return { type: 'none' }
  const t = (v: unknown) => template(v, where, builder)
  switch (raw.type) {
    case 'none':
      return { type: 'none' }
    case 'basic':
      return { type: 'basic', username: t(raw.username), password: t(raw.password) }
    case 'digest':
      return { type: 'digest', username: t(raw.username), password: t(raw.password) }
    case 'bearer':
      return { type: 'bearer', token: t(raw.token), prefix: str(raw.prefix) || 'Bearer' }
    case 'apikey':
      return {
        type: 'apikey',
        name: t(raw.key),
        value: t(raw.value),
        in: raw.addTo === 'queryParams' ? 'query' : 'header',
      }
    case 'oauth2':
      return {
        type: 'oauth2',
        config: {
          grant:
            raw.grantType === 'client_credentials'
              ? 'client_credentials'
              : raw.grantType === 'password'
                ? 'password'
                : raw.grantType === 'implicit'
                  ? 'implicit'
                  : raw.usePkce
                    ? 'authorization_code_pkce'
                    : 'authorization_code',
          issuer: '',
          authUrl: t(raw.authorizationUrl),
          tokenUrl: t(raw.accessTokenUrl),
          deviceAuthUrl: '',
          clientId: t(raw.clientId),
          clientSecret: t(raw.clientSecret),
          clientAuth: raw.credentialsInBody ? 'client_secret_post' : 'client_secret_basic',
          scope: t(raw.scope),
          audience: t(raw.audience),
          resource: t(raw.resource),
          redirectUri: t(raw.redirectUrl),
          pkceMethod: raw.pkceMethod === 'plain' ? 'plain' : 'S256',
          username: t(raw.username),
          password: t(raw.password),
          authParams: [],
          tokenParams: [],
          tokenKey: 'default',
          headerPrefix: str(raw.tokenPrefix) || 'Bearer',
          autoRefresh: true,
        },
      }
    case 'iam':
      return {
        type: 'awsv4',
        config: AwsSigV4ConfigSchema.parse({
          accessKey: t(raw.accessKeyId),
          secretKey: t(raw.secretAccessKey),
          sessionToken: t(raw.sessionToken),
          ...(str(raw.region) ? { region: t(raw.region) } : {}),
          ...(str(raw.service) ? { service: t(raw.service) } : {}),
        }),
      }
    case 'oauth1': {
      const method = str(raw.signatureMethod) || 'HMAC-SHA1'
      if (!(OAUTH1_SIGNATURE_METHODS as readonly string[]).includes(method)) break
      return {
        type: 'oauth1',
        config: OAuth1ConfigSchema.parse({
          consumerKey: t(raw.consumerKey),
          consumerSecret: t(raw.consumerSecret),
          token: t(raw.tokenKey),
          tokenSecret: t(raw.tokenSecret),
          signatureMethod: method,
          privateKey: t(raw.privateKey),
          timestamp: t(raw.timestamp),
          nonce: t(raw.nonce),
          version: t(raw.version) || '1.0',
          realm: t(raw.realm),
          callback: t(raw.callback),
          verifier: t(raw.verifier),
          includeBodyHash: raw.includeBodyHash === true,
        }),
      }
    }
  }
  builder.skip(
    where,
    `auth type “${str(raw.type)}”${raw.type === 'oauth1' ? ` with ${str(raw.signatureMethod)}` : ''}`,
    'Courier cannot sign requests this way; the request was imported without auth.',
  )
  return { type: 'none' }
}

function rows(list: unknown, where: string, builder: ImportBuilder): Row[] {
  return arr(list)
    .filter(isRecord)
    .map((r): Row => [template(r.name, where, builder), template(r.value, where, builder), r.disabled !== true])
}

function body(raw: unknown, where: string, builder: ImportBuilder): RequestBody {
  if (!isRecord(raw) || (!raw.mimeType && !raw.text)) return { kind: 'none' }
  const mime = str(raw.mimeType)
  if (mime === 'application/x-www-form-urlencoded') return { kind: 'form', fields: rows(raw.params, where, builder) }
  if (mime === 'multipart/form-data') {
    const parts = arr(raw.params)
      .filter(isRecord)
      .map((p): MultipartPart => {
        if (p.type === 'file') {
          builder.skip(
            where,
            `file part “${str(p.name)}”`,
            `It points at a file on the exporting machine (${str(p.fileName).slice(0, 200)}); choose the file again in the Body tab.`,
          )
          return { kind: 'file', name: str(p.name), enabled: p.disabled !== true, file: null, headers: [] }
        }
        return {
          kind: 'text',
          name: template(p.name, where, builder),
          value: template(p.value, where, builder),
          enabled: p.disabled !== true,
          headers: [],
        }
      })
    return { kind: 'multipart', parts }
  }
  if (mime === 'application/graphql') {
    try {
      const g = JSON.parse(str(raw.text)) as { query?: string; variables?: unknown; operationName?: string }
      return {
        kind: 'graphql',
        query: str(g.query),
        variables: g.variables ? JSON.stringify(g.variables, null, 2) : '',
        ...(g.operationName ? { operationName: g.operationName } : {}),
      }
    } catch {
      return { kind: 'raw', text: str(raw.text), contentType: 'application/json' }
    }
  }
  if (mime === 'application/octet-stream' && !raw.fileName && !raw.text) return { kind: 'binary', file: null }
  if (mime === 'application/octet-stream' && raw.fileName) {
    builder.skip(
      where,
      'binary file body',
      `It points at a file on the exporting machine (${str(raw.fileName).slice(0, 200)}); choose the file again in the Body tab.`,
    )
    return { kind: 'binary', file: null }
  }
  if (/json/i.test(mime)) return { kind: 'json', text: template(raw.text, where, builder) }
  return { kind: 'raw', text: template(raw.text, where, builder), contentType: mime || 'text/plain' }
}

/**
 * Insomnia's script API (`insomnia.test`, `insomnia.expect`, `insomnia.environment.set`…) follows
 * Postman's, so `insomnia.` becomes `pm.`; the report says so, since not every member behaves alike.
 */
export function insomniaScript(text: unknown, where: string, what: string, builder: ImportBuilder): string {
  const script = str(text)
  if (!script.trim()) return ''
  const mapped = script.replace(/\binsomnia\./g, 'pm.')
  builder.skip(
    where,
    what,
    mapped === script
      ? 'Kept as text; check that it runs in Courier’s pm sandbox.'
      : 'Insomnia’s insomnia.* calls were renamed to pm.* (its API follows Postman’s); check that it runs, members such as response.status may differ.',
  )
  return mapped
}

function scripts(r: Resource, where: string, builder: ImportBuilder) {
  return {
    preRequest: insomniaScript(r.preRequestScript, where, 'pre-request script', builder),
    test: insomniaScript(r.afterResponseScript, where, 'after-response script', builder),
  }
}

/** An Insomnia v4 export: workspaces become collections, request groups folders, sub-environments environments. */
export function importInsomnia(doc: unknown, builder: ImportBuilder): void {
  const resources = arr(isRecord(doc) ? doc.resources : []).filter(
    (r): r is Resource => isRecord(r) && typeof r._id === 'string' && typeof r._type === 'string',
  )
  const children = new Map<string | null, Resource[]>()
  for (const r of resources)
    children.set((r.parentId as string | null) ?? null, [
      ...(children.get((r.parentId as string | null) ?? null) ?? []),
      r,
    ])
  const sorted = (id: string) =>
    [...(children.get(id) ?? [])].sort((a, b) => Number(a.metaSortKey ?? 0) - Number(b.metaSortKey ?? 0))
  const skippedTypes = new Map<string, number>()

  const walk = (parent: string, tree: CollectionTree, folderId: string | null, path: string) => {
    for (const r of sorted(parent)) {
      const where = `${path} › ${str(r.name)}`
      if (r._type === 'request_group') {
        const id = builder.folder(tree, folderId, {
          name: r.name,
          description: str(r.description),
          auth: auth(r.authentication, where, builder),
          headers: rows(r.headers, where, builder),
          variables: variables(r.environment, where, builder),
          scripts: scripts(r, where, builder),
        })
        walk(r._id, tree, id, where)
      } else if (r._type === 'request') {
        const params = rows(r.parameters, where, builder)
        const headers = rows(r.headers, where, builder)
        const url = template(r.url, where, builder)
        builder.request(
          tree,
          folderId,
          r.name,
          {
            method: str(r.method, 'GET'),
            url: params.some((p) => p[2]) ? urlWithParams(url, [...params]) : url,
            params,
            headers,
            body: body(r.body, where, builder),
            auth: auth(r.authentication, where, builder),
            pathParams: arr(r.pathParameters)
              .filter(isRecord)
              .map((p): [string, string] => [str(p.name), template(p.value, where, builder)]),
            scripts: scripts(r, where, builder),
            settings: {
              ...(typeof r.settingFollowRedirects === 'string' && r.settingFollowRedirects !== 'global'
                ? { followRedirects: r.settingFollowRedirects === 'on' }
                : {}),
            },
          },
          where,
        )
        if (str(r.description))
          builder.skip(where, 'description', 'Courier requests have no description; it was left out.')
      } else if (r._type === 'websocket_request') {
        const params = rows(r.parameters, where, builder)
        const url = template(r.url, where, builder)
        // Its payload (the composer's last message) is a websocket_payload child: it becomes a saved message.
        const messages = sorted(r._id)
          .filter((p) => p._type === 'websocket_payload' && str(p.value) !== '')
          .map((p, index) => ({
            id: `insomnia-${index + 1}`,
            name: str(p.name, 'Payload'),
            format: str(p.mode) === 'application/json' ? ('json' as const) : ('text' as const),
            data: template(p.value, where, builder),
          }))
        builder.request(
          tree,
          folderId,
          r.name,
          {
            method: 'GET',
            url: params.some((p) => p[2]) ? urlWithParams(url, [...params]) : url,
            params,
            headers: rows(r.headers, where, builder),
            auth: auth(r.authentication, where, builder),
            realtime: { kind: 'websocket', messages },
          },
          where,
        )
      } else if (r._type === 'websocket_payload') {
        // Read with its WebSocket request above.
      } else if (r._type === 'cookie_jar') {
        const cookies = arr(r.cookies).length
        builder.skip(
          path,
          `cookie jar “${str(r.name, 'Default Jar')}” (${cookies} cookie${cookies === 1 ? '' : 's'})`,
          'Courier’s cookie jar fills from the responses it receives; captured cookies are not imported.',
        )
      } else if (r._type !== 'environment') {
        skippedTypes.set(r._type, (skippedTypes.get(r._type) ?? 0) + 1)
      }
    }
  }

  for (const workspace of resources.filter((r) => r._type === 'workspace')) {
    const base = (children.get(workspace._id) ?? []).find((r) => r._type === 'environment')
    const top = auth(workspace.authentication, str(workspace.name), builder)
    const tree = builder.collection(workspace.name, {
      description: str(workspace.description),
      // A workspace passes no auth down in Insomnia; v5's top folder (see import-insomnia-v5.ts) may.
      auth: top.type === 'inherit' ? { type: 'none' } : top,
      headers: rows(workspace.headers, str(workspace.name), builder),
      scripts: scripts(workspace, str(workspace.name), builder),
      variables: base ? variables(base.data, str(workspace.name), builder) : [],
    })
    walk(workspace._id, tree, null, tree.name)
    if (base)
      for (const sub of sorted(base._id).filter((r) => r._type === 'environment'))
        builder.environment(sub.name, variables(sub.data, str(sub.name), builder))
  }
  for (const [type, count] of skippedTypes) {
    builder.skip(
      'Insomnia export',
      `${count} ${type.replace(/_/g, ' ')}${count > 1 ? 's' : ''}`,
      'Courier imports HTTP requests, folders and environments only.',
    )
  }
}
