import type { RunInput, RunReport, RunStep, RunSummary } from '@courier/shared'
import { CourierError } from '../errors.js'
import { newId } from '../ids.js'
import { maskSecrets, type SecretValue } from '../send/mask-secrets.js'
import type { SendServices } from '../send/perform-send.js'
import { seedRunVariables } from '../scripting/run-variables.js'
import type { RunRegistry } from '../storage/run-store.js'
import type { Scope } from '../team/scope.js'
import { planRun, runPlan, type RunPlan } from './run-collection.js'
import { runReport } from './run-report.js'

export const STOPPED_BY_SHUTDOWN = 'Courier stopped during the run.'
export const RUN_NOT_FOUND = 'That run does not exist (it was deleted, or is not one of yours in this workspace).'

/** How often a process says its runs are alive, and how old a heartbeat is before another start fails the run. */
const HEARTBEAT_MS = 15_000
const ABANDONED_AFTER_MS = 60_000

const summaryOf = (report: RunReport & { id: string }): RunSummary => {
  const { steps: _steps, ...summary } = report
  return summary
}

type Running = { controller: AbortController; done: Promise<RunReport> }

/**
 * The server's kept runs (issue 14): a started run goes on in the background in this process, its
 * steps kept as they come (each record as history keeps it: secrets masked, no body text inline),
 * with an AbortController per run id so Stop cancels the step in flight. Runs are the scope's: a
 * person sees and stops only their own, in the workspace they started them in.
 */
export class KeptRuns {
  private readonly running = new Map<string, Running>()
  private closing = false
  private timer: NodeJS.Timeout | undefined

  constructor(
    private readonly registry: RunRegistry,
    private readonly log: { error(details: { err: unknown }, message: string): void },
  ) {}

  /**
   * Fails the runs a stopped process left "running". SQLite has one process, so every such run is
   * abandoned; on PostgreSQL other instances may be running theirs, so only runs without a recent
   * heartbeat are (checked again every minute).
   */
  async open(database: 'sqlite' | 'postgres'): Promise<void> {
    const sweep = (staleMs: number) => this.registry.failAbandoned(STOPPED_BY_SHUTDOWN, new Date(Date.now() - staleMs))
    await sweep(database === 'sqlite' ? -1 : ABANDONED_AFTER_MS)
    let beats = 0
    this.timer = setInterval(() => {
      const alive = this.registry.heartbeat([...this.running.keys()], new Date())
      const swept = database === 'postgres' && ++beats % 4 === 0 ? sweep(ABANDONED_AFTER_MS) : undefined
      void Promise.all([alive, swept]).catch((error: unknown) => this.log.error({ err: error }, 'run heartbeat failed'))
    }, HEARTBEAT_MS)
    this.timer.unref()
  }

  /**
   * Checks what the input names (NOT_FOUND with a sentence, before anything is kept), keeps the run
   * as "running" and starts it; `done` settles when it has ended and its end is kept.
   */
  async start(
    services: SendServices,
    input: RunInput,
    scope: Scope,
  ): Promise<{ summary: RunSummary; done: Promise<RunReport> }> {
    if (this.closing)
      throw new CourierError('CONCURRENCY_LIMIT', 'Courier is stopping; start the run again once it is back.')
    const plan = await planRun(input, scope)
    const secrets = await secretValues(services, scope, plan)
    const id = newId()
    const startedAt = new Date().toISOString()
    const summary = summaryOf({ ...runReport(plan, [], { state: 'running', durationMs: 0, startedAt }), id })
    await scope.runs.create(summary)
    const controller = new AbortController()
    const done = runPlan(services, plan, scope, {
      id,
      startedAt,
      signal: controller.signal,
      onStep: async (step, index, soFar) => {
        await scope.runs.appendStep(
          summaryOf({ ...soFar, id, state: 'running' }),
          index,
          await keptStep(scope, step, secrets),
        )
        // Stop asked on another instance of a team server: after this step.
        if (await scope.runs.stopRequested(id)) controller.abort()
      },
    })
      .catch((error: unknown): RunReport => {
        this.log.error({ err: error }, 'run failed')
        const reason = error instanceof CourierError ? error.message : 'The run failed on the server; see its log.'
        return { ...summary, steps: [], state: 'failed', stoppedReason: reason }
      })
      .then(async (report) => {
        const ended: RunReport =
          this.closing && report.state === 'stopped'
            ? { ...report, state: 'failed', stoppedReason: STOPPED_BY_SHUTDOWN }
            : report
        await scope.runs.finish(summaryOf({ ...ended, id }))
        return ended
      })
      .finally(() => this.running.delete(id))
    this.running.set(id, { controller, done })
    return { summary, done }
  }

  /** Stops the run after its step in flight (which is cancelled) and answers it as it ended. */
  async stop(scope: Scope, id: string): Promise<RunReport> {
    const run = await scope.runs.get(id)
    if (!run) throw new CourierError('NOT_FOUND', RUN_NOT_FOUND)
    if (run.state !== 'running') return run
    const here = this.running.get(id)
    if (here) {
      here.controller.abort()
      await here.done.catch(() => undefined)
    } else await scope.runs.requestStop(id)
    return (await scope.runs.get(id)) ?? run
  }

  /** Deletes a run of the scope, stopping it first when it is running. */
  async remove(scope: Scope, id: string): Promise<void> {
    await this.stop(scope, id)
    if (!(await scope.runs.remove(id))) throw new CourierError('NOT_FOUND', RUN_NOT_FOUND)
  }

  /** The server is stopping: every run in flight is cancelled and kept as failed, with the reason. */
  async close(): Promise<void> {
    this.closing = true
    clearInterval(this.timer)
    const all = [...this.running.values()]
    for (const run of all) run.controller.abort()
    await Promise.all(all.map((run) => run.done.catch(() => undefined)))
  }
}

/**
 * A step as a kept run stores it: the record as its history entry keeps it (Authorization, cookies,
 * API keys and secret variables masked), the scripts' results added, and no body text inline (the
 * body route still serves it by the record's id). A request refused before sending has no entry:
 * its record carries no headers or body.
 */
async function keptStep(scope: Scope, step: RunStep, secrets: readonly SecretValue[]): Promise<RunStep> {
  const entry = await scope.history.get(step.record.id)
  const record = entry
    ? { ...entry.response, ...(step.record.scripts ? { scripts: step.record.scripts } : {}) }
    : step.record
  // The scripts' console and test messages are not in history: secret variables' values are masked there too.
  return maskSecrets(
    {
      ...step,
      url: record.request.url,
      record: { ...record, body: record.body ? { ...record.body, inline: null } : null },
    },
    secrets,
  )
}

/** The values of the run's secret variables (environment, collection, globals) as they are stored at its start. */
async function secretValues(services: SendServices, scope: Scope, plan: RunPlan): Promise<SecretValue[]> {
  const seeded = await seedRunVariables(services, scope, plan.environment?.id, plan.tree.variables)
  return [...seeded.secrets].flatMap((name) =>
    [seeded.environment[name], seeded.collectionVariables[name], seeded.globals[name]]
      .filter((value): value is string => typeof value === 'string')
      .map((value) => ({ name, value })),
  )
}
