import { Fragment, useState } from 'react'
import { methodTone } from '../../shared/format/method-tone'
import type { StepRow } from './run-rows'
import { StepDetails } from './StepDetails'

type StepsTableProps = {
  rows: StepRow[]
  /** Opens the step's saved request in its tab; absent when the request is no longer saved. */
  onOpen: (itemId: string) => void
  canOpen: (itemId: string) => boolean
}

/** The run's steps, one row per request sent; a row expands to its tests and script errors. */
export function StepsTable({ rows, onOpen, canOpen }: StepsTableProps) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set())
  const toggle = (key: string) =>
    setOpen((current) => {
      const next = new Set(current)
      if (next.has(key)) next.delete(key)
      else next.add(key)
      return next
    })
  return (
    <table className="data-table run-steps" aria-label="Run steps">
      <thead>
        <tr>
          <th scope="col">
            <span className="visually-hidden">Details</span>
          </th>
          <th scope="col">Iteration</th>
          <th scope="col">Request</th>
          <th scope="col">Method</th>
          <th scope="col">URL</th>
          <th scope="col">Status</th>
          <th scope="col">Time</th>
          <th scope="col">Tests</th>
          <th scope="col">Result</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const label = `${row.step.name}, iteration ${row.iteration}`
          const isOpen = open.has(row.key)
          return (
            <Fragment key={row.key}>
              <tr className={row.passed ? 'run-steps__row is-pass' : 'run-steps__row is-fail'} aria-label={label}>
                <td>
                  <button
                    type="button"
                    className="icon-button run-steps__toggle"
                    aria-expanded={isOpen}
                    aria-label={`Details of ${label}`}
                    onClick={() => toggle(row.key)}
                  >
                    {isOpen ? '▾' : '▸'}
                  </button>
                </td>
                <td className="run-steps__num">{row.iteration}</td>
                <td className="run-steps__name">
                  <span>{row.step.name}</span>
                  <span className="run-steps__path">{row.step.path}</span>
                </td>
                <td>
                  <span className={`run-steps__method ${methodTone(row.step.method)}`}>{row.step.method}</span>
                </td>
                <td className="run-steps__url" title={row.step.url}>
                  {row.step.url}
                </td>
                <td className="run-steps__num">{row.status ?? row.step.record.error?.code ?? '—'}</td>
                <td className="run-steps__num">{row.timeMs} ms</td>
                <td className="run-steps__num">
                  {row.testsPassed}/{row.testsTotal}
                </td>
                <td className="run-steps__result">
                  <span aria-hidden="true">{row.passed ? '✓' : '✗'}</span>
                  <span className="visually-hidden">{row.passed ? 'Passed' : 'Failed'}</span>
                </td>
                <td className="data-table__actions">
                  {row.step.itemId && canOpen(row.step.itemId) ? (
                    <button
                      type="button"
                      className="link-button"
                      aria-label={`Open ${row.step.name} in editor`}
                      onClick={() => row.step.itemId && onOpen(row.step.itemId)}
                    >
                      Open in editor
                    </button>
                  ) : null}
                </td>
              </tr>
              {isOpen ? (
                <tr className="run-steps__details">
                  <td />
                  <td colSpan={9}>
                    <StepDetails step={row.step} />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          )
        })}
      </tbody>
    </table>
  )
}
