import { RunStepSchema, RunSummarySchema, type RunReport, type RunStep, type RunSummary } from '@courier/shared'
import type { Kysely } from 'kysely'
import type { Database } from './schema.js'

/** How many runs a workspace keeps; starting one more drops the oldest. */
export const KEPT_RUNS = 100

/** One person's kept collection runs in one workspace; every query filters on both. */
export interface RunStore {
  /** Keeps a new run (its summary says "running"); the workspace's runs beyond the newest 100 go. */
  create(summary: RunSummary): Promise<void>
  /** Adds the run's next step (0-based position) and its summary so far, so a poll sees both at once. */
  appendStep(summary: RunSummary, position: number, step: RunStep): Promise<void>
  /**
   * Writes the summary a run ended with, but only while it is still "running": a run marked failed
   * meanwhile (another start found it abandoned) stays failed. False when nothing was written.
   */
  finish(summary: RunSummary): Promise<boolean>
  /** Newest first, without steps. */
  list(): Promise<RunSummary[]>
  /** The run with its steps so far. */
  get(id: string): Promise<RunReport | undefined>
  /** False when no run of this scope had that id. */
  remove(id: string): Promise<boolean>
  /** Asks whichever process runs it to stop after its current step; false when it is not running here. */
  requestStop(id: string): Promise<boolean>
  stopRequested(id: string): Promise<boolean>
}

/** What every process's runs share, server-wide. */
export interface RunRegistry {
  /** Says the runs with these ids are still being run (by this process). */
  heartbeat(ids: readonly string[], at: Date): Promise<void>
  /**
   * Marks every run still "running" whose heartbeat is older than `staleBefore` as failed, with
   * `reason`; answers how many. A run's process stopped (a crash, a restart) without ending it.
   */
  failAbandoned(reason: string, staleBefore: Date): Promise<number>
}

const toSummary = (json: string): RunSummary => RunSummarySchema.parse(JSON.parse(json))

export function createRunStore(db: Kysely<Database>, workspaceId: string, userId: string): RunStore {
  const mine = () => db.selectFrom('runs').where('workspace_id', '=', workspaceId).where('user_id', '=', userId)
  const owns = async (id: string) => (await mine().select('id').where('id', '=', id).executeTakeFirst()) !== undefined

  return {
    async create(summary) {
      const now = new Date().toISOString()
      await db
        .insertInto('runs')
        .values({
          id: summary.id,
          workspace_id: workspaceId,
          user_id: userId,
          state: summary.state,
          started_at: summary.startedAt ?? now,
          heartbeat_at: now,
          summary_json: JSON.stringify(summary),
        })
        .execute()
      // Ids are time-ordered (UUIDv7): the workspace's newest 100 by id stay; a running one is never dropped.
      const kept = await db
        .selectFrom('runs')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .orderBy('id', 'desc')
        .offset(KEPT_RUNS)
        .limit(1)
        .executeTakeFirst()
      if (kept)
        await db
          .deleteFrom('runs')
          .where('workspace_id', '=', workspaceId)
          .where('id', '<=', kept.id)
          .where('state', '!=', 'running')
          .execute()
    },

    async appendStep(summary, position, step) {
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto('run_steps')
          .values({ run_id: summary.id, position, step_json: JSON.stringify(step) })
          .execute()
        await tx
          .updateTable('runs')
          .set({ summary_json: JSON.stringify(summary), heartbeat_at: new Date().toISOString() })
          .where('id', '=', summary.id)
          .where('state', '=', 'running')
          .execute()
      })
    },

    async finish(summary) {
      const result = await db
        .updateTable('runs')
        .set({ state: summary.state, summary_json: JSON.stringify(summary) })
        .where('id', '=', summary.id)
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .where('state', '=', 'running')
        .executeTakeFirst()
      return Number(result.numUpdatedRows) > 0
    },

    async list() {
      const rows = await mine().select(['summary_json', 'state']).orderBy('id', 'desc').execute()
      return rows.map((row) => ({ ...toSummary(row.summary_json), state: row.state }))
    },

    async get(id) {
      const row = await mine().select(['summary_json', 'state']).where('id', '=', id).executeTakeFirst()
      if (!row) return undefined
      const steps = await db
        .selectFrom('run_steps')
        .select('step_json')
        .where('run_id', '=', id)
        .orderBy('position')
        .execute()
      return {
        ...toSummary(row.summary_json),
        state: row.state,
        steps: steps.map((step) => RunStepSchema.parse(JSON.parse(step.step_json))),
      }
    },

    async remove(id) {
      if (!(await owns(id))) return false
      await db.deleteFrom('run_steps').where('run_id', '=', id).execute()
      const result = await db.deleteFrom('runs').where('id', '=', id).executeTakeFirst()
      return Number(result.numDeletedRows) > 0
    },

    async requestStop(id) {
      const result = await db
        .updateTable('runs')
        .set({ stop_requested: 1 })
        .where('id', '=', id)
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .where('state', '=', 'running')
        .executeTakeFirst()
      return Number(result.numUpdatedRows) > 0
    },

    async stopRequested(id) {
      const row = await mine().select('stop_requested').where('id', '=', id).executeTakeFirst()
      return Number(row?.stop_requested ?? 0) === 1
    },
  }
}

export function createRunRegistry(db: Kysely<Database>): RunRegistry {
  return {
    async heartbeat(ids, at) {
      if (ids.length === 0) return
      await db
        .updateTable('runs')
        .set({ heartbeat_at: at.toISOString() })
        .where('id', 'in', [...ids])
        .execute()
    },

    async failAbandoned(reason, staleBefore) {
      const rows = await db
        .selectFrom('runs')
        .select(['id', 'summary_json'])
        .where('state', '=', 'running')
        .where('heartbeat_at', '<', staleBefore.toISOString())
        .execute()
      let failed = 0
      for (const row of rows) {
        const summary: RunSummary = { ...toSummary(row.summary_json), state: 'failed', stoppedReason: reason }
        const result = await db
          .updateTable('runs')
          .set({ state: 'failed', summary_json: JSON.stringify(summary) })
          .where('id', '=', row.id)
          .where('state', '=', 'running')
          .executeTakeFirst()
        failed += Number(result.numUpdatedRows)
      }
      return failed
    },
  }
}
