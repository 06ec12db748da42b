import type { RunReport, RunStep } from '@courier/shared'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { collectionsOptions } from '../collections'
import { testRecord } from './run-fixtures'
import { runKeys } from './run-queries'
import { RunView } from './RunView'

function step(name: string, iteration: number, passed: boolean): RunStep {
  const record = testRecord({
    id: `${name}-${iteration}`,
    status: 200,
    totalMs: 8,
    tests: [{ name: `${name} works`, passed, ...(passed ? {} : { error: 'expected 404 to equal 200' }) }],
    errors: passed
      ? []
      : [{ kind: 'runtime', message: 'x is not defined', line: 3, origin: { level: 'request', name, phase: 'test' } }],
  })
  return { itemId: name, name, path: 'Shop', iteration, method: 'GET', url: 'http://x/', record, passed }
}

/** A finished run already in the cache (no server): the view's filter and details over it. */
function setup() {
  const report: RunReport = {
    id: 'run-1',
    collection: 'Shop',
    environment: 'staging',
    iterations: 2,
    state: 'finished',
    steps: [step('List', 0, true), step('Get', 0, true), step('List', 1, true), step('Get', 1, false)],
    passed: 3,
    failed: 1,
    durationMs: 1200,
  }
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } })
  client.setQueryData(runKeys.run('run-1'), report)
  client.setQueryData(collectionsOptions().queryKey, [])
  render(
    <QueryClientProvider client={client}>
      <RunView runId="run-1" onOpenRequest={() => {}} onStarted={() => {}} />
    </QueryClientProvider>,
  )
}

const stepRows = () => screen.getAllByRole('row', { name: /, iteration \d$/ })

describe('RunView', () => {
  it('filters to the failed step and shows its test’s message and the script error’s line', async () => {
    setup()
    expect(screen.getByRole('status').textContent).toBe('Finished · 3 passed, 1 failed')
    expect(screen.getByRole('progressbar', { name: 'Run progress' }).getAttribute('value')).toBe('4')
    expect(stepRows()).toHaveLength(4)
    await userEvent.click(screen.getByRole('radio', { name: 'Failed' }))
    expect(stepRows().map((row) => row.getAttribute('aria-label'))).toEqual(['Get, iteration 2'])
    await userEvent.click(screen.getByRole('button', { name: 'Details of Get, iteration 2' }))
    const tests = screen.getByRole('list', { name: 'Tests of Get, iteration 2' })
    expect(within(tests).getByRole('listitem').textContent).toBe('✗Failed: Get worksexpected 404 to equal 200')
    expect(screen.getByText(/line 3: x is not defined/).textContent).toContain('the request, post-response script')
    await userEvent.click(screen.getByRole('radio', { name: 'Passed' }))
    expect(stepRows()).toHaveLength(3)
    // Saved requests no longer in the collections list are not offered to open.
    expect(screen.queryByRole('button', { name: /in editor$/ })).toBeNull()
  })
})
