import type { RunStep, RunSummary } from '@courier/shared'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { newId } from '../ids.js'
import { KEPT_RUNS } from './run-store.js'
import type { Store } from './store.js'
import { historyEntry } from './store-contract.js'

function summary(overrides: Partial<RunSummary> = {}): RunSummary {
  return {
    id: newId(),
    collection: 'Shop',
    environment: null,
    iterations: 1,
    startedAt: new Date().toISOString(),
    state: 'running',
    passed: 0,
    failed: 0,
    durationMs: 0,
    input: { collection: 'Shop' },
    ...overrides,
  }
}

function step(name: string): RunStep {
  return {
    name,
    path: 'Shop',
    iteration: 0,
    method: 'GET',
    url: 'http://api.test/',
    record: historyEntry().response,
    passed: true,
  }
}

/** Kept runs behave alike on every dialect: scoped to a workspace and person, steps in order, pruning, abandoned runs. */
export function describeRunStoreContract(name: string, open: () => Promise<Store>) {
  describe(`${name} run store`, () => {
    let store: Store
    beforeEach(async () => {
      store = await open()
    })
    afterEach(async () => {
      await store.close()
    })

    it('keeps a run with its steps in order, and its end only while it is running', async () => {
      const runs = store.runsOf('w1', 'u1')
      const run = summary()
      await runs.create(run)
      await runs.appendStep({ ...run, passed: 1 }, 0, step('First'))
      await runs.appendStep({ ...run, passed: 2 }, 1, step('Second'))
      const kept = await runs.get(run.id)
      expect(kept?.steps.map((s) => s.name)).toEqual(['First', 'Second'])
      expect(kept).toMatchObject({ state: 'running', passed: 2 })
      expect(await runs.finish({ ...run, state: 'finished', passed: 2 })).toBe(true)
      expect(await runs.finish({ ...run, state: 'stopped' })).toBe(false)
      expect(await runs.get(run.id)).toMatchObject({ state: 'finished', passed: 2 })
      expect(await runs.requestStop(run.id)).toBe(false)
      expect(await runs.remove(run.id)).toBe(true)
      expect(await runs.get(run.id)).toBeUndefined()
    })

    it("shows another workspace's or person's run exactly like one that never existed", async () => {
      const mine = store.runsOf('w1', 'u1')
      const run = summary()
      await mine.create(run)
      for (const other of [store.runsOf('w2', 'u1'), store.runsOf('w1', 'u2'), store.runs]) {
        expect(await other.get(run.id)).toBeUndefined()
        expect(await other.list()).toEqual([])
        expect(await other.requestStop(run.id)).toBe(false)
        expect(await other.remove(run.id)).toBe(false)
        expect(await other.finish({ ...run, state: 'finished' })).toBe(false)
      }
      expect(await mine.stopRequested(run.id)).toBe(false)
      expect(await mine.requestStop(run.id)).toBe(true)
      expect(await mine.stopRequested(run.id)).toBe(true)
      expect((await mine.list()).map((r) => [r.id, r.state])).toEqual([[run.id, 'running']])
    })

    it(`keeps the newest ${KEPT_RUNS} runs of a workspace, never dropping a running one`, async () => {
      const runs = store.runsOf('w1', 'u1')
      const running = summary()
      await runs.create(running)
      const ended: string[] = []
      for (let i = 0; i < KEPT_RUNS + 1; i++) {
        const run = summary({ state: 'finished' })
        await runs.create(run)
        ended.push(run.id)
      }
      await store.runsOf('w2', 'u1').create(summary({ state: 'finished' }))
      const ids = (await runs.list()).map((r) => r.id)
      expect(ids).toContain(running.id)
      expect(ids).not.toContain(ended[0])
      expect(ids).toContain(ended[1])
      expect(ids.length).toBe(KEPT_RUNS + 1)
      expect(await store.runsOf('w2', 'u1').list()).toHaveLength(1)
    })

    it('fails the runs whose heartbeat is older than a moment, with the reason', async () => {
      const runs = store.runsOf('w1', 'u1')
      const stale = summary()
      const alive = summary()
      await runs.create(stale)
      await runs.create(alive)
      await store.runRegistry.heartbeat([alive.id], new Date(Date.now() + 60_000))
      expect(await store.runRegistry.failAbandoned('Gone.', new Date(Date.now() + 30_000))).toBe(1)
      expect(await runs.get(stale.id)).toMatchObject({ state: 'failed', stoppedReason: 'Gone.' })
      expect(await runs.get(alive.id)).toMatchObject({ state: 'running' })
    })
  })
}
