import type { Pair } from '@courier/shared'
import { useMemo, useState } from 'react'
import { copyText } from '../../../shared/ui/copy-text'
import { explainHeader } from './header-docs'
import './headers.css'

type HeadersTableProps = {
  headers: Pair[]
  label: string
  /** A search box above the table (the Headers tab); smaller lists go without. */
  searchable?: boolean
  emptyText?: string
}

/** Headers in the order received, duplicates kept; known ones explained on hover; copyable. */
export function HeadersTable({ headers, label, searchable = false, emptyText = 'No headers.' }: HeadersTableProps) {
  const [search, setSearch] = useState('')
  const [copied, setCopied] = useState<string | null>(null)
  const needle = search.trim().toLowerCase()
  const shown = useMemo(
    () =>
      headers
        .map((pair, index) => ({ pair, index }))
        .filter(
          ({ pair: [name, value] }) =>
            !needle || name.toLowerCase().includes(needle) || value.toLowerCase().includes(needle),
        ),
    [headers, needle],
  )
  const copy = async (text: string, what: string) => {
    await copyText(text)
    setCopied(what)
    setTimeout(() => setCopied(null), 2000)
  }

  if (headers.length === 0) return <p className="empty-note">{emptyText}</p>
  return (
    <div className="headers-block">
      {searchable ? (
        <div className="headers-block__toolbar">
          <input
            type="search"
            className="headers-block__search"
            aria-label="Search headers"
            placeholder="Search names and values"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
          <span className="headers-block__count">
            {needle
              ? `${shown.length} of ${headers.length}`
              : `${headers.length} header${headers.length === 1 ? '' : 's'}`}
          </span>
          <span className="headers-block__copied" role="status" aria-live="polite">
            {copied}
          </span>
          <button
            type="button"
            className="button button--small"
            onClick={() =>
              void copy(headers.map(([name, value]) => `${name}: ${value}`).join('\n'), 'Copied all headers')
            }
          >
            Copy all
          </button>
        </div>
      ) : null}
      {shown.length === 0 ? (
        <p className="empty-note">No header matches “{search}”.</p>
      ) : (
        <table className="headers-table" aria-label={label}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
              <th scope="col" className="headers-table__actions-head">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map(({ pair: [name, value], index }) => {
              const doc = explainHeader(name)
              return (
                <tr key={index}>
                  <th scope="row">
                    {doc ? (
                      <span className="header-name header-name--known" title={doc} tabIndex={0}>
                        {name}
                      </span>
                    ) : (
                      name
                    )}
                  </th>
                  <td>{value}</td>
                  <td className="headers-table__actions">
                    <button
                      type="button"
                      className="icon-button headers-table__copy"
                      aria-label={`Copy ${name}`}
                      title="Copy “name: value”"
                      onClick={() => void copy(`${name}: ${value}`, `Copied ${name}`)}
                    >
                      <CopyIcon />
                    </button>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </div>
  )
}

function CopyIcon() {
  return (
    <svg
      width="14"
      height="14"
      viewBox="0 0 16 16"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.4"
    >
      <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
      <path d="M10.5 3.5v-.5A1.5 1.5 0 0 0 9 1.5H4A1.5 1.5 0 0 0 2.5 3v5A1.5 1.5 0 0 0 4 9.5h.5" />
    </svg>
  )
}
