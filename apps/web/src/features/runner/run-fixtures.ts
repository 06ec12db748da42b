import type { ResponseRecord, ScriptFailure, TestResult } from '@courier/shared'

/** A finished send's record for the runner's tests: status, total time, its tests and script errors. */
export function testRecord(options: {
  id: string
  status: number
  totalMs: number
  tests: Omit<TestResult, 'kind'>[]
  errors?: ScriptFailure[]
}): ResponseRecord {
  return {
    id: options.id,
    ok: true,
    startedAt: '2026-12-02T10:00:00.000Z',
    status: options.status,
    statusText: options.status === 200 ? 'OK' : '',
    httpVersion: '1.1',
    headers: [],
    sizes: { headers: 0, bodyWire: 0, body: 0 },
    timing: { total: options.totalMs },
    body: null,
    request: { method: 'GET', url: 'http://x/', headers: [], bodySize: 0 },
    hops: [],
    attempts: [],
    cookies: [],
    notes: [],
    insecure: false,
    error: null,
    scripts: {
      tests: options.tests.map((t) => ({ ...t, kind: 'script' as const })),
      console: [],
      errors: options.errors ?? [],
    },
  }
}
