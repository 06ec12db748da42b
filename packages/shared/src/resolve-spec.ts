import type { Auth, MultipartPart, Pair, RequestBody, RequestSpec, Row } from './request-spec.js'
import { newReport, resolveText, type ResolveReport, type Scope } from './variables.js'

/**
 * Resolves `{{variables}}` in every part of a request that is sent: URL, params, headers,
 * cookies, each body kind and every auth field. The one function the server, the CLI and the
 * editor's previews share, so they can never disagree.
 */
export function resolveSpec(spec: RequestSpec, scopes: readonly Scope[]): { spec: RequestSpec; report: ResolveReport } {
  const report = newReport()
  const text = (value: string) => resolveText(value, scopes, report)
  const rows = (list: readonly Row[]): Row[] =>
    list.map(([name, value, enabled]): Row => (enabled ? [text(name), text(value), enabled] : [name, value, enabled]))
  const pairs = (list: readonly Pair[]): Pair[] => list.map(([name, value]): Pair => [text(name), text(value)])

  const body = ((b: RequestBody): RequestBody => {
    switch (b.kind) {
      case 'none':
        return b
      case 'json':
        return { ...b, text: text(b.text) }
      case 'raw':
        return { ...b, text: text(b.text), contentType: text(b.contentType) }
      case 'form':
        return { ...b, fields: rows(b.fields) }
      case 'multipart':
        return {
          ...b,
          parts: b.parts.map((part): MultipartPart => {
            if (!part.enabled) return part
            const common = {
              name: text(part.name),
              headers: pairs(part.headers),
              ...(part.filename === undefined ? {} : { filename: text(part.filename) }),
              ...(part.contentType === undefined ? {} : { contentType: text(part.contentType) }),
            }
            return part.kind === 'text' ? { ...part, ...common, value: text(part.value) } : { ...part, ...common }
          }),
        }
      case 'binary':
        return b.contentType === undefined ? b : { ...b, contentType: text(b.contentType) }
      case 'graphql':
        return {
          ...b,
          query: text(b.query),
          variables: text(b.variables),
          ...(b.operationName ? { operationName: text(b.operationName) } : {}),
        }
    }
  })(spec.body)

  const auth = ((a: Auth): Auth => {
    switch (a.type) {
      case 'basic':
      case 'digest':
        return { ...a, username: text(a.username), password: text(a.password) }
      case 'bearer':
        return { ...a, token: text(a.token), prefix: text(a.prefix) }
      case 'apikey':
        return { ...a, name: text(a.name), value: text(a.value) }
      case 'oauth2': {
        const c = a.config
        return {
          ...a,
          config: {
            ...c,
            issuer: text(c.issuer),
            authUrl: text(c.authUrl),
            tokenUrl: text(c.tokenUrl),
            deviceAuthUrl: text(c.deviceAuthUrl),
            clientId: text(c.clientId),
            clientSecret: text(c.clientSecret),
            scope: text(c.scope),
            audience: text(c.audience),
            resource: text(c.resource),
            redirectUri: text(c.redirectUri),
            username: text(c.username),
            password: text(c.password),
            authParams: pairs(c.authParams),
            tokenParams: pairs(c.tokenParams),
          },
        }
      }
      case 'oauth1': {
        const c = a.config
        return {
          ...a,
          config: {
            ...c,
            consumerKey: text(c.consumerKey),
            consumerSecret: text(c.consumerSecret),
            token: text(c.token),
            tokenSecret: text(c.tokenSecret),
            privateKey: text(c.privateKey),
            timestamp: text(c.timestamp),
            nonce: text(c.nonce),
            version: text(c.version),
            realm: text(c.realm),
            callback: text(c.callback),
            verifier: text(c.verifier),
          },
        }
      }
      case 'awsv4': {
        const c = a.config
        return {
          ...a,
          config: {
            accessKey: text(c.accessKey),
            secretKey: text(c.secretKey),
            sessionToken: text(c.sessionToken),
            region: text(c.region),
            service: text(c.service),
          },
        }
      }
      default:
        return a
    }
  })(spec.auth)

  return {
    spec: {
      ...spec,
      url: text(spec.url),
      params: rows(spec.params),
      pathParams: pairs(spec.pathParams),
      headers: rows(spec.headers),
      cookies: text(spec.cookies),
      body,
      auth,
    },
    report,
  }
}
