import type { Example, ResponseRecord } from '@courier/shared'
import { useState } from 'react'
import { exampleFromRecord } from './example-from-record'

type SaveExampleButtonProps = {
  record: ResponseRecord
  /** The name the example gets (it can be renamed in the request's Examples tab). */
  name: string
  onSave: (example: Example) => void
}

/** “Save as example” beside a response: the response joins the request's saved examples (saved with the request). */
export function SaveExampleButton({ record, name, onSave }: SaveExampleButtonProps) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  return (
    <>
      <button
        type="button"
        className="link-button"
        disabled={busy || record.status === null}
        onClick={() => {
          setBusy(true)
          setError(null)
          exampleFromRecord(record, name)
            .then(onSave)
            .catch((e: unknown) => setError(`The body could not be read: ${(e as Error).message}`))
            .finally(() => setBusy(false))
        }}
      >
        Save as example
      </button>
      {error ? (
        <span role="alert" className="hint">
          {error}
        </span>
      ) : null}
    </>
  )
}
