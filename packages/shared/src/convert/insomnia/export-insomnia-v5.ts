import { stringify } from 'yaml'
import type { CollectionItem, CollectionTree } from '../../collection.js'
import type { Auth, RequestBody, RequestSpec, Row } from '../../request-spec.js'
import type { Variable } from '../../variables.js'
import { safeFileName, type ExportFile } from '../export-file.js'
import { maskAuth, maskSpec, maskVariables, SecretTally } from '../mask-secrets.js'

type Json = Record<string, unknown>

/** `{{name}}` → Insomnia's `{{ _.name }}` (`{{ _['a-b'] }}` where the name is no identifier). */
export function toInsomniaTemplate(text: string): string {
  return text.replace(/\{\{\s*([^{}\s]+)\s*\}\}/g, (_, name: string) =>
    /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(name)
      ? `{{ _.${name} }}`
      : `{{ _['${name.replace(/'/g, "\\'")}'] }}`,
  )
}

const t = toInsomniaTemplate
const rows = (list: readonly Row[]) =>
  list.map(([name, value, enabled]) => ({ name: t(name), value: t(value), ...(enabled ? {} : { disabled: true }) }))

function authToInsomnia(auth: Auth): Json {
  switch (auth.type) {
    case 'inherit':
      return {}
    case 'none':
      return { type: 'none' }
    case 'basic':
      return {
        type: 'basic',
        useISO88591: false,
        username: t(auth.username),
        password: t(auth.password),
        disabled: false,
      }
    case 'digest':
      return { type: 'digest', username: t(auth.username), password: t(auth.password), disabled: false }
    case 'bearer':
      return { type: 'bearer', token: t(auth.token), prefix: auth.prefix, disabled: false }
    case 'apikey':
      return {
        type: 'apikey',
        key: t(auth.name),
        value: t(auth.value),
        addTo: auth.in === 'query' ? 'queryParams' : 'header',
        disabled: false,
      }
    case 'awsv4': {
      const c = auth.config
      return {
        type: 'iam',
        accessKeyId: t(c.accessKey),
        secretAccessKey: t(c.secretKey),
        sessionToken: t(c.sessionToken),
        region: t(c.region),
        service: t(c.service),
        disabled: false,
      }
    }
    case 'oauth1': {
      const c = auth.config
      return {
        type: 'oauth1',
        consumerKey: t(c.consumerKey),
        consumerSecret: t(c.consumerSecret),
        tokenKey: t(c.token),
        tokenSecret: t(c.tokenSecret),
        signatureMethod: c.signatureMethod,
        privateKey: t(c.privateKey),
        timestamp: t(c.timestamp),
        nonce: t(c.nonce),
        version: t(c.version),
        realm: t(c.realm),
        callback: t(c.callback),
        verifier: t(c.verifier),
        includeBodyHash: c.includeBodyHash,
        disabled: false,
      }
    }
    case 'oauth2': {
      const c = auth.config
      return {
        type: 'oauth2',
        grantType: c.grant === 'authorization_code_pkce' ? 'authorization_code' : c.grant,
        usePkce: c.grant === 'authorization_code_pkce',
        pkceMethod: c.pkceMethod,
        authorizationUrl: t(c.authUrl),
        accessTokenUrl: t(c.tokenUrl),
        clientId: t(c.clientId),
        clientSecret: t(c.clientSecret),
        credentialsInBody: c.clientAuth === 'client_secret_post',
        scope: t(c.scope),
        audience: t(c.audience),
        resource: t(c.resource),
        redirectUrl: t(c.redirectUri),
        username: t(c.username),
        password: t(c.password),
        tokenPrefix: c.headerPrefix,
        disabled: false,
      }
    }
  }
}

function bodyToInsomnia(body: RequestBody, notes: Set<string>): Json {
  switch (body.kind) {
    case 'none':
      return {}
    case 'json':
      return { mimeType: 'application/json', text: t(body.text) }
    case 'raw':
      return { mimeType: body.contentType, text: t(body.text) }
    case 'form':
      return { mimeType: 'application/x-www-form-urlencoded', params: rows(body.fields) }
    case 'multipart':
      return {
        mimeType: 'multipart/form-data',
        params: body.parts.map((p) => {
          if (p.kind === 'file') {
            notes.add('File parts were written without their file; choose them in Insomnia.')
            return { name: t(p.name), type: 'file', fileName: '', ...(p.enabled ? {} : { disabled: true }) }
          }
          return { name: t(p.name), value: t(p.value), ...(p.enabled ? {} : { disabled: true }) }
        }),
      }
    case 'binary':
      notes.add('A binary body was written without its file; choose it in Insomnia.')
      return { mimeType: 'application/octet-stream' }
    case 'graphql': {
      let variables: unknown
      try {
        variables = body.variables.trim() ? JSON.parse(body.variables) : undefined
      } catch {
        notes.add('GraphQL variables that are not valid JSON were left out.')
      }
      return {
        mimeType: 'application/graphql',
        text: JSON.stringify({
          query: body.query,
          ...(variables !== undefined ? { variables } : {}),
          ...(body.operationName ? { operationName: body.operationName } : {}),
        }),
      }
    }
  }
}

/** Courier's pm.* scripts for Insomnia, whose insomnia.* API follows Postman's. */
const script = (text: string) => text.replace(/\bpm\./g, 'insomnia.')

function environment(variables: readonly Variable[]): Json {
  return Object.fromEntries(variables.filter((v) => v.enabled).map((v) => [v.name, t(v.value)]))
}

/**
 * A collection as Insomnia v5 YAML (what Insomnia 11 exports and imports): folders with `children`,
 * `{{ _.var }}` templates, the collection's variables as the base environment. Secrets left out
 * unless asked for; what Insomnia has no place for is listed in the notes.
 */
export function exportInsomniaV5(
  tree: CollectionTree,
  options: { includeSecrets?: boolean; environments?: readonly { name: string; variables: Variable[] }[] } = {},
): ExportFile {
  const includeSecrets = options.includeSecrets === true
  const tally = new SecretTally()
  const notes = new Set<string>()
  const stamp = Date.parse(tree.updatedAt) || 0
  const meta = (id: string, extra: Json = {}) => ({
    id: `${id.replace(/[^\w]/g, '')}`,
    created: stamp,
    modified: stamp,
    ...extra,
  })
  const byParent = new Map<string | null, CollectionItem[]>()
  for (const item of tree.items) byParent.set(item.parentId, [...(byParent.get(item.parentId) ?? []), item])

  const request = (item: Extract<CollectionItem, { kind: 'request' }>, index: number): Json => {
    const spec: RequestSpec = includeSecrets ? item.request : maskSpec(item.request, tally)
    const headers = rows(spec.headers)
    if (spec.cookies.trim()) {
      headers.push({ name: 'Cookie', value: t(spec.cookies.trim()) })
      notes.add('A request’s own cookie line became a Cookie header (Insomnia has no per-request cookies).')
    }
    const lost = Object.entries(spec.settings)
      .filter(([key, value]) => key !== 'followRedirects' && value !== undefined)
      .map(([key]) => key)
    if (lost.length)
      notes.add(`Request settings Insomnia has no place for were left out: ${[...new Set(lost)].sort().join(', ')}.`)
    if (spec.captures.length)
      notes.add('Response captures were left out (Insomnia uses response template tags instead).')
    if (spec.assertions.length)
      notes.add('No-code checks were left out (Insomnia has none; write them as after-response tests).')
    if (spec.examples.length) notes.add('Saved examples were left out (Insomnia has none).')
    const base = spec.url.split('?')[0]!.split('#')[0]!
    const hash = spec.url.includes('#') ? spec.url.slice(spec.url.indexOf('#')) : ''
    const scripts = {
      ...(spec.scripts.preRequest ? { preRequest: script(spec.scripts.preRequest) } : {}),
      ...(spec.scripts.test ? { afterResponse: script(spec.scripts.test) } : {}),
    }
    return {
      url: t(spec.params.length ? base + hash : spec.url),
      name: item.name,
      meta: meta(`req_${item.id}`, { isPrivate: false, sortKey: index }),
      method: spec.method,
      body: bodyToInsomnia(spec.body, notes),
      parameters: rows(spec.params),
      headers,
      authentication: authToInsomnia(spec.auth),
      ...(spec.pathParams.length
        ? { pathParameters: spec.pathParams.map(([name, value]) => ({ name, value: t(value) })) }
        : {}),
      ...(Object.keys(scripts).length ? { scripts } : {}),
      settings: {
        renderRequestBody: true,
        encodeUrl: true,
        followRedirects:
          spec.settings.followRedirects === undefined ? 'global' : spec.settings.followRedirects ? 'on' : 'off',
        cookies: { send: true, store: true },
        rebuildPath: true,
      },
    }
  }

  const walk = (parentId: string | null): Json[] =>
    [...(byParent.get(parentId) ?? [])]
      .sort((a, b) => a.position - b.position)
      .map((item, index) => {
        if (item.kind === 'request') return request(item, index)
        const scripts = {
          ...(item.scripts.preRequest ? { preRequest: script(item.scripts.preRequest) } : {}),
          ...(item.scripts.test ? { afterResponse: script(item.scripts.test) } : {}),
        }
        const variables = includeSecrets ? item.variables : maskVariables(item.variables, tally)
        return {
          name: item.name,
          meta: meta(`fld_${item.id}`, { sortKey: index, description: item.description }),
          children: walk(item.id),
          ...(item.headers.length ? { headers: rows(item.headers) } : {}),
          authentication: authToInsomnia(includeSecrets ? item.auth : maskAuth(item.auth, tally)),
          ...(variables.length ? { environment: environment(variables) } : {}),
          ...(Object.keys(scripts).length ? { scripts } : {}),
        }
      })

  let collection = walk(null)
  // Insomnia collections have no auth, headers or scripts of their own: a top folder carries them.
  const top = includeSecrets ? tree.auth : maskAuth(tree.auth, tally)
  if (
    (top.type !== 'none' && top.type !== 'inherit') ||
    tree.headers.length ||
    tree.scripts.preRequest ||
    tree.scripts.test
  ) {
    notes.add(
      `Insomnia collections have no auth, headers or scripts of their own; a top folder “${tree.name}” carries them.`,
    )
    collection = [
      {
        name: tree.name,
        meta: meta(`fld_${tree.id}_root`, { sortKey: 0, description: '' }),
        children: collection,
        ...(tree.headers.length ? { headers: rows(tree.headers) } : {}),
        authentication: authToInsomnia(top),
        scripts: {
          ...(tree.scripts.preRequest ? { preRequest: script(tree.scripts.preRequest) } : {}),
          ...(tree.scripts.test ? { afterResponse: script(tree.scripts.test) } : {}),
        },
      },
    ]
  }
  const variables = includeSecrets ? tree.variables : maskVariables(tree.variables, tally)
  if (variables.some((v) => v.secret))
    notes.add('Insomnia environments have no secret flag; secret variables are ordinary variables there.')
  if ([tree, ...tree.items].some((n) => 'variables' in n && n.variables.some((v) => !v.enabled)))
    notes.add('Disabled variables were left out (Insomnia environments have no disabled entries).')
  const doc = {
    type: 'collection.insomnia.rest/5.0',
    schema_version: '5.1',
    name: tree.name,
    meta: meta(`wrk_${tree.id}`, { description: tree.description }),
    collection,
    cookieJar: { name: 'Default Jar', meta: meta(`jar_${tree.id}`) },
    environments: {
      name: 'Base Environment',
      meta: meta(`env_${tree.id}`, { isPrivate: false }),
      data: environment(variables),
      ...(options.environments?.length
        ? {
            subEnvironments: options.environments.map((e, index) => ({
              name: e.name,
              meta: meta(`env_${tree.id}_${index + 1}`, { isPrivate: false, sortKey: index }),
              data: environment(includeSecrets ? e.variables : maskVariables(e.variables, tally)),
            })),
          }
        : {}),
    },
  }
  return {
    filename: safeFileName(tree.name, 'insomnia.yaml'),
    mediaType: 'application/yaml',
    text: stringify(doc, { lineWidth: 0 }),
    notes: [...notes, ...tally.note()],
  }
}
