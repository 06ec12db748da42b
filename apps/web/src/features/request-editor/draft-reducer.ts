import {
  emptyRequestSpec,
  type Assertion,
  paramsFromUrl,
  syncSpecParams,
  syncPathParams,
  urlWithParams,
  type Auth,
  type BodyKind,
  type CaptureRule,
  type Example,
  type Scripts,
  type Pair,
  type RequestBody,
  type RealtimeSpec,
  type RequestSettings,
  type RequestSpec,
  type Row,
} from '@courier/shared'
import { realtimeForUrl } from '../realtime'

/**
 * What the editor holds: the request being written, plus the bodies of other kinds so that
 * switching JSON → Raw → JSON loses nothing. `documentKey` changes when a whole request is
 * loaded, which tells code editors to adopt the new text.
 */
export type Draft = {
  spec: RequestSpec
  bodyCache: Partial<Record<BodyKind, RequestBody>>
  documentKey: number
}

export type DraftAction =
  | { type: 'load'; spec: RequestSpec }
  | { type: 'set-method'; method: string }
  | { type: 'set-url'; url: string }
  | { type: 'set-params'; params: Row[] }
  | { type: 'set-path-params'; pathParams: Pair[] }
  | { type: 'set-headers'; headers: Row[] }
  | { type: 'set-body-kind'; kind: BodyKind }
  | { type: 'set-body'; body: RequestBody }
  | { type: 'set-auth'; auth: Auth }
  | { type: 'set-settings'; settings: RequestSettings }
  | { type: 'set-cookies'; cookies: string }
  | { type: 'set-captures'; captures: CaptureRule[] }
  | { type: 'set-scripts'; scripts: Scripts }
  | { type: 'set-assertions'; assertions: Assertion[] }
  | { type: 'set-examples'; examples: Example[] }
  /** HTTP (undefined) or a realtime session's kind and its messages, subprotocols… */
  | { type: 'set-realtime'; realtime: RealtimeSpec | undefined }

export function emptyBody(kind: BodyKind): RequestBody {
  switch (kind) {
    case 'none':
      return { kind }
    case 'json':
      return { kind, text: '' }
    case 'raw':
      return { kind, text: '', contentType: 'text/plain' }
    case 'form':
      return { kind, fields: [] }
    case 'multipart':
      return { kind, parts: [] }
    case 'binary':
      return { kind, file: null }
    case 'graphql':
      return { kind, query: '', variables: '' }
  }
}

export function newDraft(spec: RequestSpec = emptyRequestSpec()): Draft {
  return { spec, bodyCache: {}, documentKey: 0 }
}

function withSpec(draft: Draft, spec: RequestSpec): Draft {
  return { ...draft, spec }
}

export function draftReducer(draft: Draft, action: DraftAction): Draft {
  const { spec } = draft
  switch (action.type) {
    case 'load':
      return { spec: syncSpecParams(action.spec), bodyCache: {}, documentKey: draft.documentKey + 1 }
    case 'set-method':
      return withSpec(draft, { ...spec, method: action.method })
    case 'set-url': {
      const realtime = realtimeForUrl(action.url, spec.realtime)
      return withSpec(draft, {
        ...spec,
        ...(realtime ? { realtime } : {}),
        url: action.url,
        params: paramsFromUrl(action.url, spec.params),
        pathParams: syncPathParams(action.url, spec.pathParams),
      })
    }
    case 'set-params':
      return withSpec(draft, { ...spec, params: action.params, url: urlWithParams(spec.url, action.params) })
    case 'set-path-params':
      return withSpec(draft, { ...spec, pathParams: action.pathParams })
    case 'set-headers':
      return withSpec(draft, { ...spec, headers: action.headers })
    case 'set-body-kind': {
      if (action.kind === spec.body.kind) return draft
      const bodyCache = { ...draft.bodyCache, [spec.body.kind]: spec.body }
      return { ...draft, bodyCache, spec: { ...spec, body: bodyCache[action.kind] ?? emptyBody(action.kind) } }
    }
    case 'set-body':
      return withSpec(draft, { ...spec, body: action.body })
    case 'set-auth':
      return withSpec(draft, { ...spec, auth: action.auth })
    case 'set-settings':
      return withSpec(draft, { ...spec, settings: action.settings })
    case 'set-cookies':
      return withSpec(draft, { ...spec, cookies: action.cookies })
    case 'set-captures':
      return withSpec(draft, { ...spec, captures: action.captures })
    case 'set-scripts':
      return withSpec(draft, { ...spec, scripts: action.scripts })
    case 'set-assertions':
      return withSpec(draft, { ...spec, assertions: action.assertions })
    case 'set-examples':
      return withSpec(draft, { ...spec, examples: action.examples })
    case 'set-realtime': {
      const { realtime: _old, ...rest } = spec
      return withSpec(draft, action.realtime ? { ...rest, realtime: action.realtime } : rest)
    }
  }
}
