// @vitest-environment jsdom
import { parse } from 'csv-parse/browser/esm/sync'
import { describe, expect, it } from 'vitest'
import { sampleReport } from './fixture.test-helper.js'
import {
  RUN_CSV_COLUMNS,
  runReportCsv,
  runReportFailures,
  runReportHtml,
  runReportJson,
  runReportJunit,
  runReportStats,
} from './index.js'

describe('runReportStats and runReportFailures', () => {
  it('count like newman and number the failures in run order', () => {
    const stats = runReportStats(sampleReport())
    expect(stats.iterations).toEqual({ executed: 2, failed: 2 })
    expect(stats.requests).toEqual({ executed: 6, failed: 2 })
    expect(stats.assertions).toEqual({ executed: 4, failed: 2, skipped: 2 })
    expect(stats.testScripts.failed).toBe(2)
    expect(stats.averageResponseMs).toBe(30)
    const failures = runReportFailures(sampleReport())
    expect(failures.map((f) => [f.number, f.iteration, f.kind, f.name])).toEqual([
      [1, 0, 'script', 'test script'],
      [2, 0, 'assertion', 'is 200'],
      [3, 0, 'request', 'UPSTREAM_CONNECTION_REFUSED'],
      [4, 1, 'script', 'test script'],
      [5, 1, 'assertion', 'is 200'],
      [6, 1, 'request', 'UPSTREAM_CONNECTION_REFUSED'],
    ])
    expect(failures[0]!.message).toBe('x is not defined (line 3)')
  })
})

describe('runReportJson', () => {
  it('is the report with its stats and failures', () => {
    const json = JSON.parse(runReportJson(sampleReport()))
    expect(json.collection).toBe('Shop')
    expect(json.steps).toHaveLength(6)
    expect(json.stats.assertions.failed).toBe(2)
    expect(json.failures).toHaveLength(6)
  })
})

describe('runReportJunit', () => {
  it('is well-formed XML in newman’s shape: a suite per request step, a case per test, failures and errors', () => {
    const doc = new DOMParser().parseFromString(runReportJunit(sampleReport()), 'application/xml')
    expect(doc.querySelector('parsererror')).toBeNull()
    expect(doc.documentElement.tagName).toBe('testsuites')
    const suites = [...doc.querySelectorAll('testsuite')]
    expect(suites.map((s) => s.getAttribute('name'))).toEqual([
      'Users / List <users> & "friends" (iteration 1)',
      'Missing (iteration 1)',
      'Down (iteration 1)',
      'Users / List <users> & "friends" (iteration 2)',
      'Missing (iteration 2)',
      'Down (iteration 2)',
    ])
    const missing = suites[1]!
    expect([missing.getAttribute('tests'), missing.getAttribute('failures'), missing.getAttribute('errors')]).toEqual([
      '3',
      '1',
      '1',
    ])
    expect(missing.querySelector('failure')?.getAttribute('message')).toBe('expected 404 to equal 200')
    expect(missing.querySelectorAll('skipped')).toHaveLength(1)
    expect(suites[2]!.querySelector('error')?.getAttribute('type')).toBe('UPSTREAM_CONNECTION_REFUSED')
    expect(suites[0]!.querySelector('testcase')?.getAttribute('classname')).toBe('Shop.Users')
  })
})

describe('runReportCsv', () => {
  it('has a row per step with the columns, quoting what needs it', () => {
    const rows = parse(runReportCsv(sampleReport()), { columns: true }) as Record<string, string>[]
    expect(Object.keys(rows[0]!)).toEqual([...RUN_CSV_COLUMNS])
    expect(rows).toHaveLength(6)
    expect(rows[0]).toMatchObject({
      iteration: '1',
      request: 'Users/List <users> & "friends"',
      url: 'http://api.test/users?a=1,2',
      code: '200',
      responseTime: '40',
      responseSize: '12',
      executed: '1',
      failed: '0',
      skipped: '0',
    })
    expect(rows[1]).toMatchObject({ status: 'Not Found', code: '404', executed: '1', failed: '1', skipped: '1' })
    expect(rows[5]).toMatchObject({ iteration: '2', status: 'UPSTREAM_CONNECTION_REFUSED', code: '' })
  })
})

describe('runReportHtml', () => {
  it('is one page with every value escaped and no script', () => {
    const html = runReportHtml(sampleReport())
    expect(html).not.toContain('<users>')
    expect(html).not.toMatch(/<script|<link|src=/i)
    const doc = new DOMParser().parseFromString(html, 'text/html')
    expect(doc.title).toBe('Shop — Courier run')
    expect(doc.querySelectorAll('main section')).toHaveLength(6)
    expect(doc.querySelector('section h3')?.textContent).toContain('List <users> & "friends"')
    const summary = [...doc.querySelectorAll('tbody')[0]!.querySelectorAll('tr')].map((tr) => tr.textContent)
    expect(summary).toContain('assertions42')
    expect(doc.body.textContent).toContain('expected 404 to equal 200')
  })
})
