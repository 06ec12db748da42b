import type { ImportSource } from '@courier/shared'
import { useId, useState } from 'react'
import { readFolder, readZip, type ReadUpload } from './upload-files'

type FolderUploadFieldProps = {
  /** A source ready to preview (the dialog previews it at once), or null when cleared. */
  onSource: (source: ImportSource | null) => void
}

/**
 * Choose a folder (`webkitdirectory`) or a .zip of one: a spec split over files, such as an
 * OpenAPI root with `$ref`s into other files. The files go to the server, which resolves the
 * refs among them only.
 */
export function FolderUploadField({ onSource }: FolderUploadFieldProps) {
  const id = useId()
  const [state, setState] = useState<ReadUpload | null>(null)

  const take = async (read: Promise<ReadUpload>) => {
    setState(null)
    onSource(null)
    const done = await read
    setState(done)
    if ('source' in done) onSource(done.source)
  }

  return (
    <div className="import-dialog__file">
      <label className="button" htmlFor={`${id}-folder`}>
        Choose folder…
      </label>
      <input
        id={`${id}-folder`}
        className="visually-hidden"
        type="file"
        aria-label="Folder to import"
        // Chromium, Firefox and Safari all take this; React does not know the attribute.
        {...{ webkitdirectory: '', directory: '' }}
        multiple
        onChange={(event) => event.target.files && void take(readFolder(event.target.files))}
      />
      <label className="button" htmlFor={`${id}-zip`}>
        Choose zip…
      </label>
      <input
        id={`${id}-zip`}
        className="visually-hidden"
        type="file"
        aria-label="Zip to import"
        accept=".zip,application/zip"
        onChange={(event) => event.target.files?.[0] && void take(readZip(event.target.files[0]))}
      />
      <span className="import-dialog__file-name">
        {state && 'label' in state ? state.label : 'A spec split over files: the folder, or a zip of it'}
      </span>
      {state && 'error' in state ? (
        <p className="inline-error" role="alert">
          {state.error}
        </p>
      ) : null}
      {state && 'left' in state && state.left.length ? (
        <p className="hint">
          Not sent (not text): {state.left.slice(0, 5).join(', ')}
          {state.left.length > 5 ? ` and ${state.left.length - 5} more` : ''}
        </p>
      ) : null}
    </div>
  )
}
