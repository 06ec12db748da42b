import { RunReportSchema, endpoints, type RunInput, type RunReport } from '@courier/shared'
import { request } from 'undici'

/**
 * The remote `courier run --server URL --token T`: the team server runs the collection in the
 * token owner's workspace (their history records it) and answers the same report a local run
 * prints. Throws with a sentence when the server refuses or cannot be reached.
 */
export async function runRemote(server: string, token: string, input: RunInput): Promise<RunReport> {
  let base: URL
  try {
    base = new URL(server)
  } catch {
    throw new Error(
      `--server "${server}" is not a URL; give the team server's address, e.g. https://courier.example.com.`,
    )
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:')
    throw new Error(`--server must be an http:// or https:// address, not "${server}".`)
  const url = new URL(endpoints.runCollection.path, base)
  let response
  try {
    response = await request(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(input),
    })
  } catch (error) {
    throw new Error(`Could not reach ${base.origin}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    })
  }
  const text = await response.body.text()
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new Error(
      `${base.origin} answered ${response.statusCode} with something that is not Courier's JSON; check --server.`,
    )
  }
  if (response.statusCode !== 200) {
    const error = (body as { error?: { code?: string; message?: string } }).error
    throw new Error(`${base.origin} refused the run (${error?.code ?? response.statusCode}): ${error?.message ?? text}`)
  }
  return RunReportSchema.parse(body)
}
