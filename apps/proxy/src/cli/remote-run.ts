import { RunReportSchema, endpoints, type RunInput, type RunReport } from '@courier/shared'
import { request } from 'undici'
import { CliExit, EXIT, usage } from './exit-codes.js'

/** What a refusal from the team server means for the exit code: a bad input, a bad collection, or the server itself. */
function refusalExit(status: number, code: string | undefined): CliExit['exitCode'] {
  if (status === 404 || code === 'NOT_FOUND') return EXIT.collection
  if (status === 400 || status === 422) return EXIT.usage
  return EXIT.server
}

/**
 * The remote `courier run --server URL --token T`: the team server runs the collection in the
 * token owner's workspace (their history records it) and answers the same report a local run
 * prints. Throws a CliExit with a sentence when the server refuses (4 for 401/403) or cannot be reached (4).
 */
export async function runRemote(server: string, token: string, input: RunInput): Promise<RunReport> {
  let base: URL
  try {
    base = new URL(server)
  } catch {
    throw usage(`--server "${server}" is not a URL; give the team server's address, e.g. https://courier.example.com.`)
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:')
    throw usage(`--server must be an http:// or https:// address, not "${server}".`)
  const url = new URL(endpoints.runCollection.path, base)
  let response
  try {
    response = await request(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(input),
    })
  } catch (error) {
    throw new CliExit(
      EXIT.server,
      `Could not reach ${base.origin}: ${error instanceof Error ? error.message || (error as { code?: string }).code : String(error)}`,
    )
  }
  const text = await response.body.text()
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new CliExit(
      EXIT.server,
      `${base.origin} answered ${response.statusCode} with something that is not Courier's JSON; check --server.`,
    )
  }
  if (response.statusCode !== 200) {
    const error = (body as { error?: { code?: string; message?: string } }).error
    const hint = response.statusCode === 401 ? ' Check --token (courier tokens create makes one).' : ''
    throw new CliExit(
      refusalExit(response.statusCode, error?.code),
      `${base.origin} refused the run (${error?.code ?? response.statusCode}): ${error?.message ?? text}${hint}`,
    )
  }
  return RunReportSchema.parse(body)
}
