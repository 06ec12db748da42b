import type { Row } from '@courier/shared'
import { useState } from 'react'
import { rowsToText, textToRows } from './bulk-rows'
import { KeyValueTable } from './KeyValueTable'

type RowsEditorProps = {
  title: string
  rows: Row[]
  onChange: (rows: Row[]) => void
  keyPlaceholder?: string
  keySuggestions?: readonly string[]
  valueSuggestions?: (name: string) => readonly string[]
}

/** A titled rows table with a Bulk edit switch: the same rows as `name: value` lines. */
export function RowsEditor({
  title,
  rows,
  onChange,
  keyPlaceholder,
  keySuggestions,
  valueSuggestions,
}: RowsEditorProps) {
  const [bulk, setBulk] = useState(false)
  const [text, setText] = useState('')
  return (
    <section aria-label={title}>
      <div className="section-head">
        <h3 className="section-title">{title}</h3>
        <button
          type="button"
          className="link-button"
          aria-pressed={bulk}
          onClick={() => {
            if (!bulk) setText(rowsToText(rows))
            setBulk(!bulk)
          }}
        >
          {bulk ? 'Table' : 'Bulk edit'}
        </button>
      </div>
      {bulk ? (
        <>
          <textarea
            className="bulk-text"
            aria-label={`${title} as text`}
            value={text}
            spellCheck={false}
            rows={Math.max(4, rows.length + 2)}
            onChange={(event) => {
              setText(event.target.value)
              onChange(textToRows(event.target.value))
            }}
          />
          <p className="hint">One per line as name: value. Start a line with // to keep it but not send it.</p>
        </>
      ) : (
        <KeyValueTable
          label={title}
          rows={rows}
          onChange={onChange}
          keyPlaceholder={keyPlaceholder}
          keySuggestions={keySuggestions}
          valueSuggestions={valueSuggestions}
        />
      )}
    </section>
  )
}
