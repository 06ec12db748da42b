import { TOKEN_HEADER } from '@courier/shared'
import { pageToken } from './proxy-client'
import { workspaceHeaders } from './current-workspace'

/**
 * Fetches a stored response body (a record's `body.url`) with the session cookie and the page token; a non-2xx answer
 * becomes an error. A worker, which has no page to read the token from, passes it in.
 */
export async function fetchBody(
  url: string,
  { signal, token = pageToken() }: { signal?: AbortSignal; token?: string } = {},
): Promise<Response> {
  const response = await fetch(url, { headers: { [TOKEN_HEADER]: token, ...workspaceHeaders() }, signal })
  if (!response.ok) throw new Error(`The body could not be loaded (${response.status}).`)
  return response
}
