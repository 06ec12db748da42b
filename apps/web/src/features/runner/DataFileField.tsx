import { parseDataFile, type DataRow } from '@courier/shared'
import { useId, useRef } from 'react'
import { describeData } from './data-summary'

export type DataChoice = { fileName: string; rows: DataRow[] } | { fileName: string; error: string } | null

/** The run's data file (CSV or JSON): chosen, read and parsed here, said as rows and columns or why not. */
export function DataFileField({ value, onChange }: { value: DataChoice; onChange: (choice: DataChoice) => void }) {
  const id = useId()
  const input = useRef<HTMLInputElement>(null)
  const read = async (file: File | undefined) => {
    if (!file) return onChange(null)
    const text = await file.text()
    try {
      onChange({ fileName: file.name, rows: parseDataFile(text, file.name) })
    } catch (error) {
      onChange({ fileName: file.name, error: (error as Error).message })
    }
  }
  return (
    <div className="field field--inline runner-setup__data">
      <label htmlFor={id}>Data file</label>
      <span className="runner-setup__data-control">
        <input
          ref={input}
          id={id}
          type="file"
          accept=".csv,.json,text/csv,application/json"
          aria-describedby={`${id}-note`}
          onChange={(event) => void read(event.target.files?.[0])}
        />
        {value ? (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              if (input.current) input.current.value = ''
              onChange(null)
            }}
          >
            Remove data file
          </button>
        ) : null}
      </span>
      <span />
      <p
        id={`${id}-note`}
        className={value && 'error' in value ? 'inline-error runner-setup__note' : 'hint runner-setup__note'}
        role={value && 'error' in value ? 'alert' : undefined}
      >
        {value === null
          ? 'CSV with a header line, or a JSON array of objects: one iteration per row, {{column}} in requests.'
          : 'error' in value
            ? value.error
            : describeData(value.rows)}
      </p>
    </div>
  )
}
