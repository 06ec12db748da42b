import type { CollectionTree, ResponseRecord, RunReport, RunStep } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { describeData } from './data-summary'
import { testRecord } from './run-fixtures'
import { targetPath } from './run-target'
import { failedItemIds, filterRows, formatDuration, requestCount, runProgress, stateLabel, stepRows } from './run-rows'

function record(status: number, tests: { name: string; passed: boolean; error?: string }[]): ResponseRecord {
  return testRecord({ id: `r-${status}`, status, totalMs: 12.4, tests })
}

function step(itemId: string, iteration: number, passed: boolean): RunStep {
  return {
    itemId,
    iteration,
    name: itemId,
    path: 'Shop',
    method: 'GET',
    url: 'http://x/',
    record: record(200, [
      { name: 'ok', passed: true },
      { name: 'named', passed, ...(passed ? {} : { error: 'expected 1 to equal 2' }) },
    ]),
    passed,
  }
}

function report(steps: RunStep[], extra: Partial<RunReport> = {}): RunReport {
  return {
    collection: 'Shop',
    environment: null,
    iterations: 2,
    state: 'finished',
    steps,
    passed: steps.filter((s) => s.passed).length,
    failed: steps.filter((s) => !s.passed).length,
    durationMs: 40,
    ...extra,
  }
}

describe('the steps table model', () => {
  const run = report([step('a', 0, true), step('b', 0, true), step('a', 1, true), step('b', 1, false)])

  it('shows each step with its 1-based iteration, status, time and tests passed of total', () => {
    const rows = stepRows(run)
    expect(rows.map((r) => [r.iteration, r.step.itemId, r.status, r.timeMs, r.testsPassed, r.testsTotal])).toEqual([
      [1, 'a', 200, 12, 2, 2],
      [1, 'b', 200, 12, 2, 2],
      [2, 'a', 200, 12, 2, 2],
      [2, 'b', 200, 12, 1, 2],
    ])
  })

  it('filters passed and failed steps', () => {
    const rows = stepRows(run)
    expect(filterRows(rows, 'all')).toHaveLength(4)
    expect(filterRows(rows, 'passed').map((r) => r.key)).toEqual(['0', '1', '2'])
    expect(filterRows(rows, 'failed').map((r) => `${r.iteration}:${r.step.itemId}`)).toEqual(['2:b'])
  })

  it('reruns each failed request once, in run order', () => {
    const twice = report([step('b', 0, false), step('a', 0, false), step('b', 1, false), step('c', 1, true)])
    expect(failedItemIds(twice)).toEqual(['b', 'a'])
    expect(failedItemIds(run)).toEqual(['b'])
  })
})

describe('progress', () => {
  it('counts steps done of requests × iterations while running, and is full once ended', () => {
    const running = report([step('a', 0, true)], { state: 'running', iterations: 3 })
    expect(runProgress(running, 2)).toEqual({ done: 1, total: 6 })
    expect(runProgress({ ...running, input: { collection: 'c', only: ['b'] } }, 2)).toEqual({ done: 1, total: 3 })
    expect(runProgress({ ...running, state: 'stopped' }, 2)).toEqual({ done: 1, total: 1 })
  })

  it('counts the requests under a collection or a folder, nested folders included', () => {
    const item = (id: string, kind: 'request' | 'folder', parentId: string | null) =>
      ({ id, kind, parentId, position: 0 }) as CollectionTree['items'][number]
    const collections = [
      {
        id: 'c',
        items: [item('f', 'folder', null), item('g', 'folder', 'f'), item('r1', 'request', null)],
      },
    ] as unknown as CollectionTree[]
    collections[0]!.items.push(item('r2', 'request', 'f'), item('r3', 'request', 'g'))
    expect(requestCount(collections, 'c')).toBe(3)
    expect(requestCount(collections, 'c', 'f')).toBe(2)
    expect(requestCount(collections, 'missing')).toBe(0)
  })
})

describe('words', () => {
  it('says the state with its reason, and durations in units people read', () => {
    expect(stateLabel({ state: 'stopped', stoppedReason: 'stopped by you' })).toBe('Stopped: stopped by you')
    expect(stateLabel({ state: 'running' })).toBe('Running')
    expect(formatDuration(850)).toBe('850 ms')
    expect(formatDuration(1234)).toBe('1.2 s')
    expect(formatDuration(125_000)).toBe('2 min 5 s')
  })

  it('describes a data file by its rows and columns', () => {
    expect(describeData([{ name: 'ann', expected: '1' }, { name: 'bob' }])).toBe('2 rows · columns name, expected')
    expect(describeData([{ id: 1 }])).toBe('1 row · column id')
    expect(describeData([])).toBe('0 rows')
  })
})

describe('the run target', () => {
  it('names a folder by its collection and folders', () => {
    const collections = [
      {
        id: 'c',
        name: 'Shop',
        items: [
          { id: 'f', name: 'Orders', parentId: null },
          { id: 'g', name: 'Drafts', parentId: 'f' },
        ],
      },
    ]
    expect(targetPath(collections, { collectionId: 'c', folderId: 'g', name: 'Drafts' })).toBe('Shop / Orders / Drafts')
    expect(targetPath(collections, { collectionId: 'c', name: 'Shop' })).toBe('Shop')
    expect(targetPath([], { collectionId: 'x', name: 'Gone' })).toBe('Gone')
  })
})
