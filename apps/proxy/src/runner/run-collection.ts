import {
  GLOBALS_ID,
  REALTIME_KIND_LABELS,
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
import { seedRunVariables, type RunVariables } from '../scripting/run-variables.js'
import { runReport } from './run-report.js'

export { formatRun } from './format-run.js'

/** What to run: a collection's name or id, a folder, an environment, iterations, data… (the wire contract's RunInput). */
export type RunOptions = RunInput
export type RunResult = RunReport

/** What a caller hears while a run goes (the server keeps the steps as they come). */
export type RunHooks = {
  /** Awaited before the next step starts. */
  onStep?(step: RunStep, index: number, soFar: RunResult): void | Promise<void>
  /** Stop the run after the step in flight (the Stop button); the step itself is cancelled. */
  signal?: AbortSignal
  /** A kept run's id and start time, put on the report. */
  id?: string
  startedAt?: string
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

type RunItem = { item: Extract<CollectionItem, { kind: 'request' }>; path: string }

/** The saved requests in run order (tree order), each with its folder path. */
export function runOrder(tree: CollectionTree, folderId?: string): RunItem[] {
  const result: RunItem[] = []
  const walk = (parentId: string | null, path: string) => {
    for (const item of tree.items.filter((i) => i.parentId === parentId).sort((a, b) => a.position - b.position)) {
      if (item.kind === 'folder') walk(item.id, `${path}/${item.name}`)
      else result.push({ item, path })
    }
  }
  walk(folderId ?? null, folderId ? `/${tree.items.find((i) => i.id === folderId)?.name ?? ''}` : '')
  return result
}

/** A run resolved against the scope's collections and environments, before anything is sent. */
export type RunPlan = {
  options: RunOptions
  tree: CollectionTree
  environment: { id: string; name: string } | undefined
  order: RunItem[]
}

/**
 * Finds what `options` names in `scope`: NOT_FOUND (or INVALID_REQUEST for an ambiguous name) with a
 * sentence, before anything is sent, so a server can refuse a start at once.
 */
export async function planRun(options: RunOptions, scope: Scope): Promise<RunPlan> {
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
  const all = runOrder(tree, folder?.id)
  // "Rerun failed": just these requests, in run order.
  const only = options.only ? new Set(options.only) : undefined
  const order = only ? all.filter(({ item }) => only.has(item.id)) : all
  return { options, tree, environment: environment && { id: environment.id, name: environment.name }, order }
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
  return runPlan(services, await planRun(options, scope), scope, hooks)
}

/** Runs a plan from `planRun`; see runCollection. */
export async function runPlan(
  services: SendServices,
  plan: RunPlan,
  scope: Scope,
  hooks: RunHooks = {},
): Promise<RunResult> {
  const started = performance.now()
  const { options, tree, environment, order } = plan
  // newman's default: what scripts and captures change lives in the run, seeded from the store now.
  const runVariables = options.keepVariables
    ? undefined
    : await seedRunVariables(services, scope, environment?.id, tree.variables)
  // pm.variables: one local scope for the whole run, as newman keeps it.
  const runLocals: Record<string, unknown> = {}
  const steps: RunStep[] = []
  const iterations = options.iterations ?? (options.data?.length || 1)
  let stoppedReason: string | undefined
  let state: RunResult['state'] = 'finished'
  const startedAt = hooks.startedAt ?? new Date().toISOString()
  const report = (): RunResult =>
    runReport(plan, steps, {
      state,
      durationMs: performance.now() - started,
      startedAt,
      ...(stoppedReason ? { stoppedReason } : {}),
      ...(hooks.id ? { id: hooks.id } : {}),
    })
  // Each pass over the collection is an iteration; setNextRequest jumps inside one (at most 10 000 steps per pass).
  iterating: for (let iteration = 0; iteration < iterations; iteration++) {
    let index = 0
    let taken = 0
    while (index < order.length && taken++ < 10_000) {
      if (hooks.signal?.aborted) break iterating
      const { item, path } = order[index]!
      const record = await sendStep(item, services, scope, environment?.id, {
        signal: hooks.signal,
        runVariables,
        runLocals,
        timeoutMs: options.timeoutMs,
        iteration: {
          iteration,
          iterationCount: iterations,
          data: options.data?.[iteration % (options.data.length || 1)] ?? {},
        },
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
      await hooks.onStep?.(step, steps.length - 1, report())
      if (hooks.signal?.aborted) break iterating
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
      if (options.delayMs) await pause(options.delayMs, hooks.signal)
    }
  }
  if (hooks.signal?.aborted) {
    state = 'stopped'
    stoppedReason = 'Stopped.'
  }
  return report()
}

/** Waits `ms`, or less when the run is stopped meanwhile. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve()
    const done = () => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal?.addEventListener('abort', done, { once: true })
  })
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
  how: {
    signal: AbortSignal | undefined
    runVariables: RunVariables | undefined
    runLocals: Record<string, unknown>
    timeoutMs: number | undefined
    iteration: { iteration: number; iterationCount: number; data: Record<string, unknown> }
  },
): Promise<ResponseRecord> {
  if (item.request.realtime) return realtimeSkipped(item)
  // The run's timeout overrides the request's own (and so the inherited one and the default).
  const request = how.timeoutMs
    ? { ...item.request, settings: { ...item.request.settings, timeoutMs: how.timeoutMs } }
    : item.request
  try {
    const { record } = await scriptedSend(
      { request, itemId: item.id, ...(environmentId ? { environmentId } : {}) },
      services,
      {
        scope,
        requestName: item.name,
        ...(how.signal ? { signal: how.signal } : {}),
        // Without a run copy the run keeps variable values: collection variables are saved too.
        ...(how.runVariables ? { runVariables: how.runVariables } : { keepCollectionVariables: true }),
        runLocals: how.runLocals,
        iteration: how.iteration,
      },
    )
    return record
  } catch (error) {
    if (!(error instanceof CourierError)) throw error
    return toFailedRecord(item, error)
  }
}

/**
 * A WebSocket, Socket.IO, SSE or subscription session has no end a run could wait for: it is left out,
 * reported as skipped (as a request a script skipped), so a collection that holds one still runs.
 */
function realtimeSkipped(item: Extract<CollectionItem, { kind: 'request' }>): ResponseRecord {
  const kind = REALTIME_KIND_LABELS[item.request.realtime!.kind]
  const record = unsentRecord({
    id: item.id,
    method: item.request.method,
    url: item.request.url,
    notes: [`Skipped: a ${kind} session is opened in the app, not by a collection run.`],
    error: null,
  })
  return { ...record, scripts: { tests: [], console: [], errors: [], skipped: true } }
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
