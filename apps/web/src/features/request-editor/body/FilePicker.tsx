import type { FileRef } from '@courier/shared'
import { useId, useRef, useState } from 'react'
import { uploadFile } from '../../../shared/api/upload-file'
import { formatBytes } from '../../../shared/format/format'

type FilePickerProps = {
  /** Accessible name of the file input, e.g. "File for part avatar". */
  label: string
  file: FileRef | null
  onFile: (file: FileRef | null) => void
}

/** Chooses a file and uploads it to Courier at once, showing progress; the body keeps its id. */
export function FilePicker({ label, file, onFile }: FilePickerProps) {
  const inputId = useId()
  const [progress, setProgress] = useState<number | null>(null)
  const [error, setError] = useState<string | null>(null)
  const abort = useRef<AbortController | null>(null)

  const choose = async (chosen: File | undefined) => {
    if (!chosen) return
    setError(null)
    setProgress(0)
    abort.current = new AbortController()
    try {
      onFile(await uploadFile(chosen, setProgress, abort.current.signal))
    } catch (failure) {
      if ((failure as Error).name !== 'AbortError') setError((failure as Error).message)
    } finally {
      setProgress(null)
    }
  }

  return (
    <div className="file-picker">
      <input
        id={inputId}
        type="file"
        className="visually-hidden"
        aria-label={label}
        onChange={(event) => void choose(event.target.files?.[0])}
      />
      <label htmlFor={inputId} className="button button--small file-picker__button">
        {file ? 'Replace…' : 'Choose file…'}
      </label>
      {progress !== null ? (
        <span className="file-picker__progress">
          <progress max={1} value={progress} aria-label="Upload progress" /> {Math.round(progress * 100)}%
          <button type="button" className="link-button" onClick={() => abort.current?.abort()}>
            Cancel
          </button>
        </span>
      ) : file ? (
        <span className="file-picker__name" title={`${file.filename} · ${file.contentType}`}>
          {file.filename}{' '}
          <span className="file-picker__meta">{file.size === undefined ? '' : formatBytes(file.size)}</span>
        </span>
      ) : (
        <span className="file-picker__empty">No file chosen</span>
      )}
      {error ? (
        <span className="file-picker__error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  )
}
