import type { RequestSpec, ResponseRecord } from '@courier/shared'
import { endpoints } from '@courier/shared'
import { buildClientSchema, buildSchema, getIntrospectionQuery, type IntrospectionQuery } from 'graphql'
import { fetchBody } from '../../shared/api/fetch-body'
import { callEndpoint } from '../../shared/api/proxy-client'
import type { LoadedSchema } from './schema-cache'

/** A schema that could not be had, with a sentence that says why. */
export class SchemaError extends Error {}

// The full query first; servers older than the 2021 spec reject `isDeprecated` on arguments and input fields.
const QUERIES = [
  getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true, specifiedByUrl: false }),
  getIntrospectionQuery({ descriptions: true }),
]

type Send = { spec: RequestSpec; environmentId?: string | null; itemId?: string | null }

async function bodyText(record: ResponseRecord): Promise<string> {
  if (!record.body) return ''
  if (record.body.inline !== null && !record.body.truncated) return record.body.inline
  return (await fetchBody(record.body.url)).text()
}

function statusLine(record: ResponseRecord): string {
  return `${record.status ?? ''} ${record.statusText}`.trim()
}

/** Sends `body` as the request would be sent (its URL, headers, auth and variables), through Courier. */
async function sendThrough(
  { spec, environmentId, itemId }: Send,
  patch: Partial<RequestSpec>,
): Promise<ResponseRecord> {
  const request: RequestSpec = {
    ...spec,
    ...patch,
    assertions: [],
    captures: [],
    scripts: { ...spec.scripts, test: '' },
  }
  const record = await callEndpoint(endpoints.send, {
    body: { request, ...(environmentId ? { environmentId } : {}), ...(itemId ? { itemId } : {}) },
  })
  if (record.error) throw new SchemaError(`${record.error.code}: ${record.error.message}`)
  return record
}

type Attempt = { data?: IntrospectionQuery; errors: string[]; status: string | null }

async function introspectOnce(send: Send, query: string): Promise<Attempt> {
  const record = await sendThrough(send, { method: 'POST', body: { kind: 'graphql', query, variables: '' } })
  const text = await bodyText(record)
  const failed = record.status !== null && record.status >= 400 ? statusLine(record) : null
  let answer: unknown
  try {
    answer = JSON.parse(text)
  } catch {
    throw new SchemaError(
      `The server answered${failed ? ` with ${failed}` : ''} but not with JSON, so it does not look like a GraphQL endpoint.`,
    )
  }
  const { data, errors } = (answer ?? {}) as { data?: IntrospectionQuery | null; errors?: { message?: string }[] }
  const messages = (errors ?? []).map((e) => String(e?.message ?? 'unknown error'))
  if (!data?.__schema && messages.length === 0 && failed)
    throw new SchemaError(`The server answered ${failed} to the introspection query.`)
  return { data: data?.__schema ? data : undefined, errors: messages, status: failed }
}

/** An older server names the newer introspection fields it does not know; only then is the older query worth a try. */
const OLDER_SERVER = /includeDeprecated|isRepeatable|specifiedBy|Unknown argument|Cannot query field/i

/** Runs the standard introspection query through Courier and builds the client schema. */
export async function introspect(send: Send): Promise<LoadedSchema> {
  let last: Attempt = { errors: [], status: null }
  for (const query of QUERIES) {
    last = await introspectOnce(send, query)
    if (!last.data) {
      if (last.errors.some((e) => OLDER_SERVER.test(e))) continue
      break
    }
    try {
      const schema = buildClientSchema(last.data)
      return {
        origin: 'introspection',
        from: send.spec.url,
        fetchedAt: new Date().toISOString(),
        text: JSON.stringify(last.data),
        schema,
      }
    } catch (error) {
      throw new SchemaError(`The introspection result is not a valid schema: ${(error as Error).message}`)
    }
  }
  const first = last.errors[0]
  if (!first) throw new SchemaError('The server answered without a schema (no data.__schema).')
  if (last.status) throw new SchemaError(`The server answered ${last.status}: ${first}`)
  throw new SchemaError(
    `The server refused the introspection query: ${first}${/introspection/i.test(first) ? '' : ' (is introspection switched off?)'}`,
  )
}

export function sdlSchema(text: string, origin: 'file' | 'url', from: string): LoadedSchema {
  try {
    return { origin, from, fetchedAt: new Date().toISOString(), text, schema: buildSchema(text) }
  } catch (error) {
    throw new SchemaError(`This is not a valid GraphQL schema (SDL): ${(error as Error).message.split('\n')[0]}`)
  }
}

/** Scheme and authority as typed (a leading `{{base}}` counts as one), for comparing two URLs that may hold variables. */
function typedOrigin(url: string): string {
  const text = url.trim()
  try {
    return new URL(text).origin
  } catch {
    return (/^(\{\{[^}]+\}\}|[a-z][a-z0-9+.-]*:\/\/[^/?#]*)/i.exec(text)?.[1] ?? text).toLowerCase()
  }
}

export function sameTypedOrigin(a: string, b: string): boolean {
  return typedOrigin(a) === typedOrigin(b)
}

/**
 * SDL at a URL, fetched through Courier: with the request's headers, auth and cookies when it is the API's
 * own origin; bare when it is another (a raw file on GitHub must not receive the API's token).
 */
export async function sdlFromUrl(send: Send, url: string): Promise<LoadedSchema> {
  const own = sameTypedOrigin(url, send.spec.url)
  const bare: Partial<RequestSpec> = {
    headers: [],
    auth: { type: 'none' },
    cookies: '',
    settings: { ...send.spec.settings, useCookieJar: false },
  }
  const record = await sendThrough(own ? send : { ...send, itemId: null }, {
    method: 'GET',
    url,
    params: [],
    body: { kind: 'none' },
    ...(own ? {} : bare),
  })
  if (record.status !== null && record.status >= 400)
    throw new SchemaError(`The SDL URL answered ${statusLine(record)}.`)
  return sdlSchema(await bodyText(record), 'url', url)
}
