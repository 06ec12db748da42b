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

async function introspectOnce(send: Send, query: string): Promise<{ data?: IntrospectionQuery; errors: string[] }> {
  const record = await sendThrough(send, { method: 'POST', body: { kind: 'graphql', query, variables: '' } })
  const text = await bodyText(record)
  let answer: unknown
  try {
    answer = JSON.parse(text)
  } catch {
    const status = record.status !== null && record.status >= 400 ? ` with ${statusLine(record)}` : ''
    throw new SchemaError(
      `The server answered${status} but not with JSON, so it does not look like a GraphQL endpoint.`,
    )
  }
  const { data, errors } = (answer ?? {}) as { data?: IntrospectionQuery | null; errors?: { message?: string }[] }
  const messages = (errors ?? []).map((e) => String(e?.message ?? 'unknown error'))
  if (!data?.__schema && messages.length === 0 && record.status !== null && record.status >= 400)
    throw new SchemaError(`The server answered ${statusLine(record)} to the introspection query.`)
  return { data: data?.__schema ? data : undefined, errors: messages }
}

/** Runs the standard introspection query through Courier and builds the client schema. */
export async function introspect(send: Send): Promise<LoadedSchema> {
  let last: string[] = []
  for (const query of QUERIES) {
    const { data, errors } = await introspectOnce(send, query)
    if (!data) {
      last = errors
      continue
    }
    try {
      const schema = buildClientSchema(data)
      return {
        origin: 'introspection',
        from: send.spec.url,
        fetchedAt: new Date().toISOString(),
        text: JSON.stringify(data),
        schema,
      }
    } catch (error) {
      throw new SchemaError(`The introspection result is not a valid schema: ${(error as Error).message}`)
    }
  }
  throw new SchemaError(
    last.length
      ? `The server refused the introspection query: ${last[0]}${/introspection/i.test(last[0]!) ? '' : ' (is introspection switched off?)'}`
      : 'The server answered without a schema (no data.__schema).',
  )
}

export function sdlSchema(text: string, origin: 'file' | 'url', from: string): LoadedSchema {
  try {
    return { origin, from, fetchedAt: new Date().toISOString(), text, schema: buildSchema(text) }
  } catch (error) {
    throw new SchemaError(`This is not a valid GraphQL schema (SDL): ${(error as Error).message.split('\n')[0]}`)
  }
}

/** SDL at a URL, fetched through Courier with the request's headers and auth. */
export async function sdlFromUrl(send: Send, url: string): Promise<LoadedSchema> {
  const record = await sendThrough(send, { method: 'GET', url, params: [], body: { kind: 'none' } })
  if (record.status !== null && record.status >= 400)
    throw new SchemaError(`The SDL URL answered ${statusLine(record)}.`)
  return sdlSchema(await bodyText(record), 'url', url)
}
