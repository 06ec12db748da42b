import {
  GLOBALS_ID,
  type CollectionItem,
  type CollectionTree,
  type ResponseRecord,
  type RunInput,
  type RunReport,
  type RunStep,
} from '@courier/shared'
import { CourierError } from '../errors.js'
import type { SendServices } from '../send/perform-send.js'
import { scriptedSend } from '../scripting/scripted-send.js'
import { unsentRecord } from '../send/unsent-record.js'
import { localScope, type Scope } from '../team/scope.js'

/** What to run: a collection's name or id, a folder, an environment, iterations, data… (the wire contract's RunInput). */
export type RunOptions = RunInput
export type RunResult = RunReport

/** What a caller hears while a run goes (the browser's runner keeps the steps as they come). */
export type RunHooks = {
  onStep?(step: RunStep, index: number): void
  /** Stop the run after the step in flight (the Stop button); the step itself is cancelled. */
  signal?: AbortSignal
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
 * server is involved. `scope` says whose collections it reads and whose history it records (the
 * local user's by default; the caller's on a team server's `POST /api/runs`). A step fails when the send failed or the status is 400 or more.
 */
export async function runCollection(
  services: SendServices,
  options: RunOptions,
  scope: Scope = localScope(services.store),
  hooks: RunHooks = {},
): Promise<RunResult> {
  const started = performance.now()
  const tree = pick(await scope.data.collections.list(), options.collection, 'collection')
  const folder = options.folder
    ? pick(
        tree.items.filter((i) => i.kind === 'folder'),
        options.folder,
        'folder',
      )
    : undefined
  const environments = (await scope.data.environments.list()).filter((e) => e.id !== GLOBALS_ID)
  const environment = options.environment ? pick(environments, options.environment, 'environment') : undefined

  const steps: RunStep[] = []
  const order = runOrder(tree, folder?.id)
  const iterations = options.iterations ?? (options.data?.length || 1)
  let stoppedReason: string | undefined
  // Each pass over the collection is an iteration; setNextRequest jumps inside one (at most 10 000 steps per pass).
  iterating: for (let iteration = 0; iteration < iterations; iteration++) {
    let index = 0
    let taken = 0
    while (index < order.length && taken++ < 10_000) {
      if (hooks.signal?.aborted) {
        stoppedReason = 'Stopped.'
        break iterating
      }
      const { item, path } = order[index]!
      const record = await sendStep(item, services, scope, environment?.id, hooks.signal, {
        iteration,
        iterationCount: iterations,
        data: options.data?.[iteration % (options.data.length || 1)] ?? {},
      })
      const step: RunStep = {
        itemId: item.id,
        iteration,
        name: item.name,
        path: `${tree.name}${path}`,
        method: item.request.method,
        url: record.request.url,
        record,
        passed: stepPassed(record),
      }
      steps.push(step)
      hooks.onStep?.(step, steps.length - 1)
      if (!step.passed && options.bail) {
        stoppedReason = `Stopped at the first failure (${item.name}).`
        break iterating
      }
      const next = record.scripts?.nextRequest
      if (next === null) {
        stoppedReason = `setNextRequest(null) in ${item.name} ended the run.`
        break iterating
      }
      if (typeof next === 'string') {
        const target = order.findIndex((o) => o.item.name === next || o.item.id === next)
        if (target === -1) {
          stoppedReason = `setNextRequest("${next}") in ${item.name}: no request of that name; the run ended.`
          break iterating
        }
        index = target
      } else index++
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs))
    }
  }
  const failed = steps.filter((step) => !step.passed).length
  return {
    collection: tree.name,
    collectionId: tree.id,
    environment: environment?.name ?? null,
    iterations,
    state: 'finished',
    ...(stoppedReason ? { stoppedReason } : {}),
    steps,
    passed: steps.length - failed,
    failed,
    durationMs: performance.now() - started,
  }
}

/**
 * A step passes when the request was answered (or skipped by a script), no script failed and
 * every test passed. A request with no tests at all also needs a status under 400: newman would
 * pass it whatever the status, but a run that checks nothing should still catch a broken endpoint.
 */
export function stepPassed(record: ResponseRecord): boolean {
  const report = record.scripts
  if (report?.skipped) return report.errors.length === 0
  if (record.error !== null || record.status === null) return false
  if (!report) return record.status < 400
  if (report.errors.length > 0 || report.tests.some((t) => !t.passed && !t.skipped)) return false
  return report.tests.length > 0 || record.status < 400
}

async function sendStep(
  item: Extract<CollectionItem, { kind: 'request' }>,
  services: SendServices,
  scope: Scope,
  environmentId: string | undefined,
  signal: AbortSignal | undefined,
  position: { iteration: number; iterationCount: number; data: Record<string, unknown> },
): Promise<ResponseRecord> {
  try {
    const { record } = await scriptedSend(
      { request: item.request, itemId: item.id, ...(environmentId ? { environmentId } : {}) },
      services,
      { scope, requestName: item.name, ...(signal ? { signal } : {}), iteration: position },
    )
    return record
  } catch (error) {
    if (!(error instanceof CourierError)) throw error
    return toFailedRecord(item, error)
  }
}

/** A request refused before sending (a bad URL, an unknown variable) reported like a failed send. */
function toFailedRecord(item: Extract<CollectionItem, { kind: 'request' }>, error: CourierError): ResponseRecord {
  return unsentRecord({
    id: item.id,
    method: item.request.method,
    url: item.request.url,
    error: { code: error.code, message: error.message },
  })
}

/** A line per step and a summary, as a terminal shows it. */
export function formatRun(result: RunResult, color: boolean): string {
  const paint = (code: number, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text)
  const lines = [`Running ${result.collection}${result.environment ? ` with ${result.environment}` : ''}`, '']
  let shownIteration = -1
  for (const step of result.steps) {
    if (result.iterations > 1 && step.iteration !== shownIteration) {
      shownIteration = step.iteration
      lines.push(`${shownIteration > 0 ? '\n' : ''}Iteration ${step.iteration + 1}/${result.iterations}`)
    }
    const outcome = step.record.error
      ? step.record.error.code
      : `${step.record.status} ${step.record.statusText}`.trim()
    const mark = step.passed ? paint(32, '✓') : paint(31, '✗')
    lines.push(
      `${mark} ${step.method.padEnd(7)} ${step.name}  ${paint(step.passed ? 90 : 31, outcome)}  ${Math.round(step.record.timing.total)} ms`,
    )
    if (!step.passed && step.record.error) lines.push(`    ${step.record.error.message}`)
    for (const error of step.record.scripts?.errors ?? [])
      lines.push(
        paint(
          31,
          `    ✗ ${error.origin.phase === 'prerequest' ? 'pre-request' : 'test'} script${error.line ? ` line ${error.line}` : ''}: ${error.message}`,
        ),
      )
    for (const t of step.record.scripts?.tests ?? [])
      lines.push(
        t.skipped
          ? `    - ${t.name} (skipped)`
          : t.passed
            ? `    ${paint(32, '✓')} ${t.name}`
            : `    ${paint(31, '✗')} ${t.name}${t.error ? paint(90, ` — ${t.error}`) : ''}`,
      )
  }
  const tests = result.steps.flatMap((step) => step.record.scripts?.tests ?? []).filter((t) => !t.skipped)
  if (tests.length > 0) {
    const failedTests = tests.filter((t) => !t.passed).length
    lines.push('', `Tests: ${tests.length - failedTests} passed, ${failedTests} failed`)
  }
  if (result.stoppedReason) lines.push('', result.stoppedReason)
  lines.push('', `${result.passed} passed, ${result.failed} failed (${Math.round(result.durationMs)} ms)`)
  return lines.join('\n')
}
