import {
  GLOBALS_ID,
  ResponseRecordSchema,
  type CollectionItem,
  type CollectionTree,
  type ResponseRecord,
} from '@courier/shared'
import { CourierError } from '../errors.js'
import { performSend, type SendServices } from '../send/perform-send.js'

export type RunOptions = {
  /** A collection's name or id. */
  collection: string
  /** Only the requests in this folder (name or id), and its sub-folders. */
  folder?: string
  /** An environment's name or id. */
  environment?: string
  /** Stop at the first failure. */
  bail?: boolean
}

export type RunStep = {
  name: string
  path: string
  method: string
  url: string
  record: ResponseRecord
  passed: boolean
}
export type RunResult = {
  collection: string
  environment: string | null
  steps: RunStep[]
  passed: number
  failed: number
  durationMs: number
}

function pick<T extends { id: string; name: string }>(items: readonly T[], wanted: string, what: string): T {
  const found =
    items.find((item) => item.id === wanted) ?? items.filter((item) => item.name.toLowerCase() === wanted.toLowerCase())
  if (Array.isArray(found)) {
    if (found.length === 1) return found[0]!
    if (found.length > 1)
      throw new CourierError(
        'INVALID_REQUEST',
        `More than one ${what} is named “${wanted}”; use its id: ${found.map((f) => f.id).join(', ')}.`,
      )
    throw new CourierError('NOT_FOUND', `No ${what} named or with id “${wanted}”.`)
  }
  return found
}

/** The saved requests in run order (tree order), each with its folder path. */
export function runOrder(
  tree: CollectionTree,
  folderId?: string,
): { item: Extract<CollectionItem, { kind: 'request' }>; path: string }[] {
  const result: { item: Extract<CollectionItem, { kind: 'request' }>; path: string }[] = []
  const walk = (parentId: string | null, path: string) => {
    for (const item of tree.items.filter((i) => i.parentId === parentId).sort((a, b) => a.position - b.position)) {
      if (item.kind === 'folder') walk(item.id, `${path}/${item.name}`)
      else result.push({ item, path })
    }
  }
  walk(folderId ?? null, folderId ? `/${tree.items.find((i) => i.id === folderId)?.name ?? ''}` : '')
  return result
}

/**
 * Runs a saved collection's requests in order through `performSend`, the send the UI uses
 * (variables, inherited auth and headers, OAuth tokens, captures feeding later requests,
 * history), so a collection behaves the same in a terminal or cron as in the browser. No HTTP
 * server is involved. A step fails when the send failed or the status is 400 or more.
 */
export async function runCollection(services: SendServices, options: RunOptions): Promise<RunResult> {
  const started = performance.now()
  const tree = pick(await services.store.collections.list(), options.collection, 'collection')
  const folder = options.folder
    ? pick(
        tree.items.filter((i) => i.kind === 'folder'),
        options.folder,
        'folder',
      )
    : undefined
  const environments = (await services.store.environments.list()).filter((e) => e.id !== GLOBALS_ID)
  const environment = options.environment ? pick(environments, options.environment, 'environment') : undefined

  const steps: RunStep[] = []
  for (const { item, path } of runOrder(tree, folder?.id)) {
    let record: ResponseRecord
    try {
      ;({ record } = await performSend(
        { request: item.request, itemId: item.id, ...(environment ? { environmentId: environment.id } : {}) },
        services,
      ))
    } catch (error) {
      if (!(error instanceof CourierError)) throw error
      record = toFailedRecord(item, error)
    }
    const passed = record.error === null && record.status !== null && record.status < 400
    steps.push({
      name: item.name,
      path: `${tree.name}${path}`,
      method: item.request.method,
      url: record.request.url,
      record,
      passed,
    })
    if (!passed && options.bail) break
  }
  const failed = steps.filter((step) => !step.passed).length
  return {
    collection: tree.name,
    environment: environment?.name ?? null,
    steps,
    passed: steps.length - failed,
    failed,
    durationMs: performance.now() - started,
  }
}

/** A request refused before sending (a bad URL, an unknown variable) reported like a failed send. */
function toFailedRecord(item: Extract<CollectionItem, { kind: 'request' }>, error: CourierError): ResponseRecord {
  return ResponseRecordSchema.parse({
    id: item.id,
    ok: false,
    startedAt: new Date().toISOString(),
    status: null,
    statusText: '',
    httpVersion: null,
    headers: [],
    sizes: { headers: 0, bodyWire: 0, body: 0 },
    timing: { total: 0 },
    body: null,
    request: { method: item.request.method, url: item.request.url, headers: [], bodySize: 0 },
    hops: [],
    attempts: [],
    cookies: [],
    notes: [],
    insecure: false,
    error: { code: error.code, message: error.message },
  })
}

/** A line per step and a summary, as a terminal shows it. */
export function formatRun(result: RunResult, color: boolean): string {
  const paint = (code: number, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text)
  const lines = [`Running ${result.collection}${result.environment ? ` with ${result.environment}` : ''}`, '']
  for (const step of result.steps) {
    const outcome = step.record.error
      ? step.record.error.code
      : `${step.record.status} ${step.record.statusText}`.trim()
    const mark = step.passed ? paint(32, '✓') : paint(31, '✗')
    lines.push(
      `${mark} ${step.method.padEnd(7)} ${step.name}  ${paint(step.passed ? 90 : 31, outcome)}  ${Math.round(step.record.timing.total)} ms`,
    )
    if (!step.passed && step.record.error) lines.push(`    ${step.record.error.message}`)
  }
  lines.push('', `${result.passed} passed, ${result.failed} failed (${Math.round(result.durationMs)} ms)`)
  return lines.join('\n')
}
