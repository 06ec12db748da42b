import { ResponseRecordSchema, type ResponseRecord } from '../response-record.js'
import type { RunReport, RunStep } from '../runs.js'
import type { ScriptReport } from '../scripts.js'

function record(over: Partial<ResponseRecord> & { scripts?: ScriptReport }): ResponseRecord {
  return ResponseRecordSchema.parse({
    id: 'r',
    ok: true,
    startedAt: '2026-12-02T10:00:00.000Z',
    status: 200,
    statusText: 'OK',
    httpVersion: '1.1',
    headers: [],
    sizes: { headers: 10, bodyWire: 12, body: 12 },
    timing: { total: 40 },
    body: null,
    request: { method: 'GET', url: 'http://api.test/x', headers: [], bodySize: 0 },
    hops: [],
    attempts: [],
    cookies: [],
    notes: [],
    insecure: false,
    error: null,
    ...over,
  })
}

const scripts = (tests: ScriptReport['tests'], errors: ScriptReport['errors'] = []): ScriptReport => ({
  tests,
  errors,
  console: [],
})

/** A two-iteration run with a pass, a failed assertion, a script error, a refused request and a tricky name. */
export function sampleReport(): RunReport {
  const steps: RunStep[] = [0, 1].flatMap((iteration) => [
    {
      itemId: 'a',
      iteration,
      name: 'List <users> & "friends"',
      path: 'Shop/Users',
      method: 'GET',
      url: 'http://api.test/users?a=1,2',
      record: record({ scripts: scripts([{ name: 'status is 200', passed: true, kind: 'script' }]) }),
      passed: true,
    },
    {
      itemId: 'b',
      iteration,
      name: 'Missing',
      path: 'Shop',
      method: 'POST',
      url: 'http://api.test/missing',
      record: record({
        status: 404,
        statusText: 'Not Found',
        timing: { total: 20 },
        scripts: scripts(
          [
            { name: 'is 200', passed: false, error: 'expected 404 to equal 200', kind: 'script' },
            { name: 'later', passed: true, skipped: true, kind: 'script' },
          ],
          [
            {
              kind: 'runtime',
              message: 'x is not defined',
              line: 3,
              origin: { level: 'request', name: 'Missing', phase: 'test' },
            },
          ],
        ),
      }),
      passed: false,
    },
    {
      itemId: 'c',
      iteration,
      name: 'Down\u0007',
      path: 'Shop',
      method: 'GET',
      url: 'http://127.0.0.1:1/',
      record: record({
        status: null,
        statusText: '',
        error: { code: 'UPSTREAM_CONNECTION_REFUSED', message: 'Nothing listens there.' },
      }),
      passed: false,
    },
  ])
  return {
    collection: 'Shop',
    environment: 'staging',
    iterations: 2,
    state: 'finished',
    startedAt: '2026-12-02T10:00:00.000Z',
    steps,
    passed: 2,
    failed: 4,
    durationMs: 1234,
  }
}
