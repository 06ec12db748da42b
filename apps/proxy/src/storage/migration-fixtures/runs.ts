import { expect } from 'vitest'
import { LOCAL_USER_ID, LOCAL_WORKSPACE_ID } from '../migrations/0011-team.js'
import { T0, type MigrationFixture } from './fixture.js'

const RUN = '01900000-0000-7000-8000-000000000200'

const summary = {
  id: RUN,
  collection: 'Shop',
  environment: null,
  iterations: 1,
  startedAt: T0,
  state: 'finished',
  passed: 1,
  failed: 0,
  totals: { requests: 1, failedRequests: 0, tests: 0, failedTests: 0 },
  durationMs: 12,
  input: { collection: 'Shop' },
}
const record = {
  id: '01900000-0000-7000-8000-000000000201',
  ok: true,
  startedAt: T0,
  status: 200,
  statusText: 'OK',
  httpVersion: 'HTTP/1.1',
  headers: [['content-type', 'text/plain']],
  sizes: { headers: 30, bodyWire: 2, body: 2 },
  timing: { total: 12 },
  body: null,
  request: { method: 'GET', url: 'https://api.test/list', headers: [], bodySize: 0 },
  hops: [],
  attempts: [],
  cookies: [],
  notes: [],
  insecure: false,
  error: null,
}

export const runFixtures: Record<string, MigrationFixture> = {
  '0020-runs': {
    async seed({ db }) {
      await db
        .insertInto('runs')
        .values({
          id: RUN,
          workspace_id: LOCAL_WORKSPACE_ID,
          user_id: LOCAL_USER_ID,
          state: 'finished',
          started_at: T0,
          heartbeat_at: T0,
          summary_json: JSON.stringify(summary),
        })
        .execute()
      const step = {
        name: 'List',
        path: 'Shop',
        iteration: 0,
        method: 'GET',
        url: 'https://api.test/list',
        record,
        passed: true,
      }
      await db
        .insertInto('run_steps')
        .values({ run_id: RUN, position: 0, step_json: JSON.stringify(step) })
        .execute()
    },
    async check(store) {
      expect(await store.runs.list()).toEqual([expect.objectContaining({ id: RUN, state: 'finished' })])
      expect((await store.runs.get(RUN))?.steps.map((s) => s.name)).toEqual(['List'])
    },
  },
}
