import type { ImportCommitted, ImportResult, ImportSource } from '@courier/shared'
import { decodeImportBytes } from '@courier/shared/convert/decode-text'
import { useEffect, useId, useState } from 'react'
import { Dialog } from '../../shared/ui/Dialog'
import { ErrorAlert } from '../../shared/ui/ErrorAlert'
import { FolderUploadField } from './FolderUploadField'
import { ImportReportView } from './ImportReportView'
import { useCommitImport, usePreviewImport } from './import-export-queries'
import './import-export.css'

type SourceKind = 'paste' | 'file' | 'folder' | 'url'

const SOURCES: { id: SourceKind; label: string }[] = [
  { id: 'paste', label: 'Paste' },
  { id: 'file', label: 'File' },
  { id: 'folder', label: 'Folder or zip' },
  { id: 'url', label: 'URL' },
]

/** Files are read in the browser and sent as text; the server caps them at 20 MB too. */
const MAX_FILE_BYTES = 20 * 1024 * 1024

type ImportDialogProps = {
  open: boolean
  onClose: () => void
  /** After storing: open the first request, reveal the collection. */
  onImported: (committed: ImportCommitted) => void
}

/**
 * Import from pasted text, a file, a folder or zip (a spec split over files), or a URL (fetched
 * by Courier's server, with the files its refs name): the format is
 * recognised from the content, a preview shows what will be created and what did not
 * translate, and nothing is stored until Import is pressed.
 */
export function ImportDialog({ open, onClose, onImported }: ImportDialogProps) {
  const id = useId()
  const [kind, setKind] = useState<SourceKind>('paste')
  const [text, setText] = useState('')
  const [url, setUrl] = useState('')
  const [file, setFile] = useState<{ name: string; text: string } | null>(null)
  const [fileError, setFileError] = useState<string | null>(null)
  const [upload, setUpload] = useState<ImportSource | null>(null)
  const [result, setResult] = useState<ImportResult | null>(null)
  const preview = usePreviewImport()
  const commit = useCommitImport()

  useEffect(() => {
    if (open) return
    setText('')
    setUrl('')
    setFile(null)
    setFileError(null)
    setUpload(null)
    setResult(null)
    preview.reset()
    commit.reset()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open])

  const source: ImportSource | null =
    kind === 'paste'
      ? text.trim()
        ? { kind: 'text', text }
        : null
      : kind === 'file'
        ? file
          ? { kind: 'text', text: file.text, name: file.name }
          : null
        : kind === 'folder'
          ? upload
          : url.trim()
            ? { kind: 'url', url: url.trim() }
            : null

  const runPreview = () => {
    if (!source) return
    setResult(null)
    commit.reset()
    preview.mutate(source, { onSuccess: setResult })
  }

  const chooseFile = async (chosen: File | undefined) => {
    setResult(null)
    setFileError(null)
    setFile(null)
    if (!chosen) return
    if (chosen.size > MAX_FILE_BYTES) {
      setFileError(
        `“${chosen.name}” is ${(chosen.size / 1024 / 1024).toFixed(1)} MB; Courier imports files up to 20 MB.`,
      )
      return
    }
    // UTF-16 and byte-order-marked files (Postman on Windows) decode as newman reads them.
    const content = decodeImportBytes(new Uint8Array(await chosen.arrayBuffer()))
    setFile({ name: chosen.name, text: content })
    preview.mutate({ kind: 'text', text: content, name: chosen.name }, { onSuccess: setResult })
  }

  const error = preview.error ?? commit.error
  const nothing = result && result.collections.length === 0 && result.environments.length === 0

  return (
    <Dialog
      title="Import"
      open={open}
      onClose={onClose}
      wide
      footer={
        <>
          <span className="hint import-dialog__formats">
            Postman v1/v2 and environments · OpenAPI 3 · Swagger 2 · HAR · Insomnia v4/v5 · Bruno · Hoppscotch · GraphQL
            schema · cURL · Courier
          </span>
          <span className="dialog__spacer" />
          <button type="button" className="button" onClick={runPreview} disabled={!source || preview.isPending}>
            {preview.isPending ? 'Reading…' : 'Preview'}
          </button>
          <button
            type="button"
            className="button button--primary"
            disabled={!result || Boolean(nothing) || commit.isPending}
            onClick={() =>
              result && commit.mutate(result, { onSuccess: (committed) => (onImported(committed), onClose()) })
            }
          >
            {commit.isPending ? 'Importing…' : 'Import'}
          </button>
        </>
      }
    >
      <div className="import-dialog">
        <div className="segmented segmented--small import-dialog__sources" role="radiogroup" aria-label="Import from">
          {SOURCES.map((s) => (
            <label key={s.id} className={`segmented__item${kind === s.id ? ' is-selected' : ''}`}>
              <input
                type="radio"
                name={`${id}-source`}
                value={s.id}
                checked={kind === s.id}
                onChange={() => (setKind(s.id), setResult(null), preview.reset())}
              />
              {s.label}
            </label>
          ))}
        </div>
        {kind === 'paste' ? (
          <textarea
            className="import-dialog__text"
            aria-label="Text to import"
            placeholder={
              'Paste a Postman, Insomnia or Hoppscotch export, an OpenAPI spec (JSON or YAML), a HAR file, or a cURL command\n\ncurl -X POST https://api.example.com/users -H "Content-Type: application/json" -d \'{"name":"Ada"}\''
            }
            value={text}
            spellCheck={false}
            onChange={(event) => (setText(event.target.value), setResult(null))}
          />
        ) : null}
        {kind === 'file' ? (
          <div className="import-dialog__file">
            <label className="button" htmlFor={`${id}-file`}>
              Choose file…
            </label>
            <input
              id={`${id}-file`}
              className="visually-hidden"
              type="file"
              aria-label="File to import"
              accept=".json,.yaml,.yml,.har,.txt,.sh,.graphql,.gql,.graphqls,application/json,application/yaml,text/yaml"
              onChange={(event) => void chooseFile(event.target.files?.[0])}
            />
            <span className="import-dialog__file-name">
              {file ? `${file.name} · ${(file.text.length / 1024).toFixed(1)} KB` : 'JSON or YAML, up to 20 MB'}
            </span>
            {fileError ? (
              <p className="inline-error" role="alert">
                {fileError}
              </p>
            ) : null}
          </div>
        ) : null}
        {kind === 'folder' ? (
          <FolderUploadField
            onSource={(chosen) => {
              setUpload(chosen)
              setResult(null)
              if (chosen) preview.mutate(chosen, { onSuccess: setResult })
            }}
          />
        ) : null}
        {kind === 'url' ? (
          <div className="field field--wide">
            <label htmlFor={`${id}-url`}>URL of a spec or collection</label>
            <input
              id={`${id}-url`}
              type="url"
              placeholder="https://petstore3.swagger.io/api/v3/openapi.json"
              value={url}
              onChange={(event) => (setUrl(event.target.value), setResult(null))}
              onKeyDown={(event) => event.key === 'Enter' && (event.preventDefault(), runPreview())}
            />
            <p className="hint">Courier’s server fetches it, with the same address rules as a send.</p>
          </div>
        ) : null}
        {error ? <ErrorAlert code={'code' in error ? String(error.code) : 'ERROR'} message={error.message} /> : null}
        {result ? <ImportReportView report={result.report} /> : null}
        {nothing ? <p className="hint">The file holds no requests, collections or environments.</p> : null}
      </div>
    </Dialog>
  )
}
