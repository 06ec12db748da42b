import { ApiErrorSchema, CLIENT_HEADER, TOKEN_HEADER, TOKEN_META, type Endpoint, type ErrorCode } from '@courier/shared'
import type { z } from 'zod'
import { workspaceHeaders } from './current-workspace'
import { CLIENT_ID } from './client-id'

/** A failure answered by Courier's own API (not by the target of a send). */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number,
    readonly field?: string,
    /** The error's details (a save conflict's current, base and conflicting fields). */
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** The session's CSRF token the server put in the page (sent on every call; writes need it). */
export function pageToken(): string {
  return document.querySelector<HTMLMetaElement>(`meta[name="${TOKEN_META}"]`)?.content ?? ''
}

type Input<E extends Endpoint> = {
  params?: E['params'] extends z.ZodType ? z.input<E['params']> : never
  query?: E['query'] extends z.ZodType ? z.input<E['query']> : never
  body?: E['body'] extends z.ZodType ? z.input<E['body']> : never
}

export function buildUrl(path: string, params?: Record<string, string>, query?: Record<string, unknown>): string {
  const filled = path.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(params?.[name] ?? ''))
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(query ?? {}))
    if (value !== undefined && value !== null) search.set(key, String(value))
  const text = search.toString()
  return text ? `${filled}?${text}` : filled
}

async function toApiError(response: Response): Promise<ApiError> {
  try {
    const parsed = ApiErrorSchema.safeParse(await response.json())
    if (parsed.success)
      return new ApiError(
        parsed.data.error.code,
        parsed.data.error.message,
        response.status,
        parsed.data.error.field,
        parsed.data.error.details,
      )
  } catch {
    /* not JSON: fall through */
  }
  if (response.status === 401)
    return new ApiError(
      'UNAUTHORIZED',
      'Your Courier session has ended; open the sign-in link that courier serve printed, or run courier open for a fresh one.',
      401,
    )
  return new ApiError('INTERNAL', `Courier answered ${response.status} ${response.statusText}.`, response.status)
}

/** Whether the server's last answer to this page refused its session (401) or it could not be reached. */
let refusing = false
/** True after a 401 or a network failure until the next answer that is not: saves are not landing. */
export function serverRefusing(): boolean {
  return refusing
}

/**
 * Calls one entry of the shared endpoint table and returns its parsed answer. A non-2xx whose
 * body is a valid answer for the endpoint is a result (a send that failed upstream); any other
 * non-2xx becomes an ApiError. No component calls fetch itself.
 */
export async function callEndpoint<E extends Endpoint>(
  endpoint: E,
  input: Input<E> = {},
  signal?: AbortSignal,
): Promise<z.infer<E['response']>> {
  type Out = z.infer<E['response']>
  const url = buildUrl(
    endpoint.path,
    input.params as Record<string, string> | undefined,
    input.query as Record<string, unknown> | undefined,
  )
  let response: Response
  try {
    response = await fetch(url, {
      method: endpoint.method,
      headers: {
        [TOKEN_HEADER]: pageToken(),
        ...workspaceHeaders(),
        [CLIENT_HEADER]: CLIENT_ID,
        ...(input.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: input.body === undefined ? undefined : JSON.stringify(input.body),
      signal,
    })
  } catch (error) {
    if (signal?.aborted) throw error
    refusing = true
    throw new ApiError('INTERNAL', 'Courier is not reachable. Is `courier serve` still running?', 0)
  }
  refusing = response.status === 401
  if (response.status === 204) return endpoint.response.parse(null) as Out
  if (response.ok) return endpoint.response.parse(await response.json()) as Out
  const text = await response.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw await toApiError(new Response(text, { status: response.status, statusText: response.statusText }))
  }
  const asResult = endpoint.response.safeParse(json)
  if (asResult.success) return asResult.data as Out
  throw await toApiError(new Response(text, { status: response.status, statusText: response.statusText }))
}
