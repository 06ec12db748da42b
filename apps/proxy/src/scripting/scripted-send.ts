import {
  emptyRequestSpec,
  type ConsoleEntry,
  type DataRow,
  type RequestSpec,
  type ResponseRecord,
  type Scope as VariableScope,
  type ScriptFailure,
  type ScriptOrigin,
  type Scripts,
  type TestResult,
} from '@courier/shared'
import type { RunScriptInput, RunScriptResult, ScriptRequest, ScriptResponse } from '@courier/scripts'
import { lazy } from '../lazy.js'
import { responseText } from '../send/apply-captures.js'
import {
  performSend,
  type PerformSendInput,
  type SendOptions,
  type SendOutcome,
  type SendServices,
} from '../send/perform-send.js'
import { newId } from '../ids.js'
import { unsentRecord } from '../send/unsent-record.js'
import { localScope, type Scope } from '../team/scope.js'
import { checkAssertions } from './assertions.js'
import { keepInRun, persist, storedScopes, type ScriptScopes } from './script-variables.js'
import { captureIntoRun, overlayScope, runOverlay, type RunVariables } from './run-variables.js'
import { toScriptRequest, withScriptRequest } from './script-request.js'

export type ScriptedSendOptions = SendOptions & {
  /** The saved request's name (pm.info.requestName). */
  requestName?: string
  /** A run's iteration and its data row (pm.iterationData and `{{name}}`), the stored variables read and written as for a single send. */
  iteration?: { iteration: number; iterationCount: number; data: DataRow }
  /**
   * A run that keeps its variable changes to itself: scripts and captures read and change these
   * (seeded from the store when the run started), and nothing is written back. Absent: the stored
   * variables are read and written, as a single send from the editor does.
   */
  runVariables?: RunVariables
  /**
   * A run's local scope (`pm.variables.set`), owned by the run and shared by its requests, as in
   * newman; changed in place. Absent: the local scope lives for this one send.
   */
  runLocals?: Record<string, unknown>
  /**
   * A run that keeps variable values (keepVariables): what scripts set with
   * pm.collectionVariables is written to the saved collection too. A single send leaves it alone.
   */
  keepCollectionVariables?: boolean
}

/** The QuickJS sandbox loads with the first script, not at start: a send without scripts never needs it. */
const sandbox = lazy(() => import('@courier/scripts'))

async function runScript(input: RunScriptInput): Promise<RunScriptResult> {
  return (await sandbox()).runScript(input)
}

type Lineage = NonNullable<Awaited<ReturnType<Scope['data']['collections']['lineage']>>>

type Level = { origin: Omit<ScriptOrigin, 'phase'>; scripts: Scripts }

/** The scripts around a request, outermost first: its collection's, each folder's, its own. */
function scriptLevels(lineage: Lineage | undefined, input: PerformSendInput): Level[] {
  const levels: Level[] = []
  if (lineage) {
    levels.push({ origin: { level: 'collection', name: lineage.collection.name }, scripts: lineage.collection.scripts })
    for (const folder of lineage.folders)
      levels.push({ origin: { level: 'folder', name: folder.name }, scripts: folder.scripts })
  }
  levels.push({ origin: { level: 'request', name: 'This request' }, scripts: input.request.scripts })
  return levels
}

/**
 * One send with its scripts: the pre-request scripts (collection, folders, request), the send
 * through `performSend`, then the test scripts and the assertions; `record.scripts` says what
 * they did. A request with no script and no assertion goes straight to `performSend`. A script's
 * error is reported with its line and never loses the response; the request is still sent after a
 * failed pre-request script, as newman does.
 */
export async function scriptedSend(
  input: PerformSendInput,
  services: SendServices,
  options: ScriptedSendOptions = {},
): Promise<SendOutcome> {
  const scope = options.scope ?? localScope(services.store)
  const lineage = input.itemId ? await scope.data.collections.lineage(input.itemId) : undefined
  const levels = scriptLevels(lineage, input)
  const assertions = input.request.assertions.filter((a) => a.enabled)
  const has = (phase: keyof Scripts) => levels.filter((l) => l.scripts[phase].trim() !== '')
  const pre = has('preRequest')
  const post = has('test')
  const iterationData = options.iteration?.data ?? {}
  const { runVariables: run, runLocals, keepCollectionVariables, ...sendOptions } = options
  const sending: SendOptions = run ? { ...sendOptions, captureWrite: captureIntoRun(run) } : sendOptions
  if (pre.length === 0 && post.length === 0 && assertions.length === 0) {
    const rows = Object.keys(iterationData).length
    const overlay = [
      ...(runLocals && Object.keys(runLocals).length
        ? [overlayScope('environment', 'Script variables', runLocals)]
        : []),
      ...(rows ? [overlayScope('environment', 'Iteration data', iterationData)] : []),
      ...(run ? runOverlay(run) : []),
    ]
    return performSend(input, services, overlay.length ? { ...sending, overlay } : sending)
  }

  const {
    vars: seeded,
    secrets,
    environmentName,
  } = run
    ? {
        vars: {
          environment: { ...run.environment },
          collectionVariables: { ...run.collectionVariables },
          globals: { ...run.globals },
        },
        secrets: run.secrets,
        environmentName: run.environmentName,
      }
    : await storedScopes(services, scope, input.environmentId, lineage)
  let vars: ScriptScopes = seeded
  let local: Record<string, unknown> = { ...runLocals }
  const tests: TestResult[] = []
  const consoleEntries: ConsoleEntry[] = []
  const errors: ScriptFailure[] = []
  const changed = { environment: new Set<string>(), collectionVariables: new Set<string>(), globals: new Set<string>() }
  let nextRequest: string | null | undefined
  let visualizer: { template: string; data?: unknown } | undefined
  const info = {
    requestName: options.requestName ?? input.request.url,
    ...(input.itemId ? { requestId: input.itemId } : {}),
    iteration: options.iteration?.iteration ?? 0,
    iterationCount: options.iteration?.iterationCount ?? 1,
  }

  const overlay = (): VariableScope[] => [
    overlayScope('environment', 'Script variables', local, secrets),
    overlayScope('environment', 'Iteration data', iterationData),
    overlayScope('environment', environmentName, vars.environment, secrets),
    overlayScope('collection', 'Collection variables', vars.collectionVariables, secrets),
    overlayScope('global', 'Globals', vars.globals, secrets),
  ]

  // pm.sendRequest: through performSend, the destination policy and history, as the sender.
  const sendRequest = async (request: ScriptRequest & { method: string; url: string }): Promise<ScriptResponse> => {
    // A request of its own: nothing of the script's request (its cookies, auth, settings) goes along.
    const spec: RequestSpec = withScriptRequest(emptyRequestSpec(), { method: 'GET', url: '', headers: [] }, request)
    const body =
      request.body?.raw !== undefined
        ? { kind: 'raw' as const, text: request.body.raw, contentType: 'text/plain' }
        : spec.body
    const { record } = await performSend(
      { request: { ...spec, body, method: request.method, url: request.url } },
      services,
      { ...sending, overlay: overlay() },
    )
    if (record.error && record.status === null) throw new Error(record.error.message)
    return toScriptResponse(record, await scriptBody(services, record))
  }

  const absorb = (result: RunScriptResult, origin: ScriptOrigin) => {
    tests.push(...result.tests.map((t): TestResult => ({ ...t, kind: 'script', origin })))
    consoleEntries.push(
      ...result.console.map((c): ConsoleEntry => ({ level: c.level, text: c.args.map(formatArg).join(' '), origin })),
    )
    if (result.error) errors.push({ ...result.error, origin })
    vars = {
      environment: result.variables.environment,
      collectionVariables: result.variables.collectionVariables,
      globals: result.variables.globals,
    }
    local = result.variables.local
    if (runLocals) {
      for (const name of Object.keys(runLocals)) delete runLocals[name]
      Object.assign(runLocals, local)
    }
    for (const key of ['environment', 'collectionVariables', 'globals'] as const) {
      const c = result.variableChanges[key]
      for (const name of [...Object.keys(c.set), ...c.unset]) changed[key].add(name)
    }
    if (result.nextRequest !== undefined) nextRequest = result.nextRequest
    if (result.visualizer) visualizer = { template: result.visualizer.template, data: result.visualizer.data }
  }

  let spec = input.request
  let skipped = false
  for (const level of pre) {
    const before = toScriptRequest(spec, { id: input.itemId, name: options.requestName })
    const result = await runScript({
      code: level.scripts.preRequest,
      kind: 'prerequest',
      request: before,
      variables: { ...vars, iterationData, local },
      info,
      sendRequest,
    })
    absorb(result, { ...level.origin, phase: 'prerequest' })
    spec = withScriptRequest(spec, before, result.request)
    if (result.skipRequest) {
      skipped = true
      break
    }
  }

  let outcome: SendOutcome
  if (skipped) outcome = { record: skippedRecord(spec), httpStatus: 200 }
  else outcome = await performSend({ ...input, request: spec }, services, { ...sending, overlay: overlay() })
  const { record } = outcome

  if (!skipped && record.status !== null) {
    const text = await scriptBody(services, record)
    const response = toScriptResponse(record, text)
    for (const level of post) {
      const result = await runScript({
        code: level.scripts.test,
        kind: 'test',
        request: toScriptRequest(spec, { id: input.itemId, name: options.requestName }),
        response,
        variables: { ...vars, iterationData, local },
        info,
        sendRequest,
      })
      absorb(result, { ...level.origin, phase: 'test' })
    }
    tests.push(
      ...(await checkAssertions(assertions, {
        status: record.status,
        headers: record.headers,
        body: text,
        timeMs: record.timing.total,
      })),
    )
  }

  try {
    if (run) keepInRun(run, vars, changed)
    else
      await persist(
        scope,
        services,
        input.environmentId,
        vars,
        changed,
        keepCollectionVariables ? lineage?.collection.id : undefined,
      )
  } catch (error) {
    services.log.error({ err: error }, 'script variables not saved')
    record.notes.push('The variables the scripts set could not be saved.')
  }

  record.scripts = {
    tests,
    console: consoleEntries,
    errors,
    ...(visualizer ? { visualizer } : {}),
    ...(skipped ? { skipped: true } : {}),
    ...(nextRequest !== undefined ? { nextRequest } : {}),
    changed: {
      environment: [...changed.environment],
      collectionVariables: [...changed.collectionVariables],
      globals: [...changed.globals],
    },
  }
  return outcome
}

/** The body as a script reads it: text up to 10 MB (as captures read it), '' when there is none. */
async function scriptBody(services: SendServices, record: ResponseRecord): Promise<string | null> {
  return record.body ? responseText(services.bodies, record) : ''
}

function toScriptResponse(record: ResponseRecord, text: string | null): ScriptResponse {
  return {
    code: record.status ?? 0,
    status: record.statusText,
    headers: record.headers.map(([key, value]) => ({ key, value })),
    body: text ?? '',
    responseTime: Math.round(record.timing.total),
    size: record.sizes.body,
  }
}

function formatArg(arg: unknown): string {
  return typeof arg === 'string' ? arg : (JSON.stringify(arg) ?? String(arg))
}

/** `pm.execution.skipRequest()`: nothing went on the wire. */
function skippedRecord(spec: RequestSpec): ResponseRecord {
  return unsentRecord({
    id: newId(),
    method: spec.method,
    url: spec.url,
    notes: ['A pre-request script skipped this request (pm.execution.skipRequest): nothing was sent.'],
    error: null,
  })
}
