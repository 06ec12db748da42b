import { partProblem, type MultipartPart, type Pair, type Row } from '@courier/shared'
import { useId, useState } from 'react'
import { KeyValueTable } from '../../../shared/ui/KeyValueTable'
import { replaceAt } from '../../../shared/ui/replace-at'
import { FilePicker } from './FilePicker'
import { VariableInput } from '../../../shared/variables/VariableInput'
import { RowsTableHead } from '../../../shared/ui/RowsTableHead'
import { problemFieldProps, RowProblem, rowProblemClass } from '../../../shared/ui/RowProblem'

type MultipartBodyProps = { parts: MultipartPart[]; onChange: (parts: MultipartPart[]) => void }

/**
 * multipart/form-data: text fields and files. A text part can go as a file (requests'
 * `('report.csv', 'some,data')`); any part can carry its own content type and headers.
 */
export function MultipartBody({ parts, onChange }: MultipartBodyProps) {
  const [expanded, setExpanded] = useState<number | null>(null)
  const add = (kind: 'text' | 'file') =>
    onChange([
      ...parts,
      kind === 'text'
        ? { kind, name: '', value: '', enabled: true, headers: [] }
        : { kind: 'file', name: '', enabled: true, file: null, headers: [] },
    ])

  return (
    <div className="multipart">
      {parts.length === 0 ? <p className="empty-note">No parts yet. Add a text field or a file.</p> : null}
      {parts.length > 0 ? (
        <table className="kv-table kv-table--mono multipart__table" aria-label="Multipart parts">
          <RowsTableHead
            columns={[
              'Name',
              { label: 'Kind', className: 'multipart__kind-col' },
              'Value',
              { label: 'Content type', className: 'multipart__type-col' },
            ]}
            actionsClassName="multipart__actions"
          />
          <tbody>
            {parts.map((part, index) => (
              <PartRows
                key={index}
                part={part}
                expanded={expanded === index}
                onToggle={() => setExpanded(expanded === index ? null : index)}
                onChange={(next) => onChange(replaceAt(parts, index, next))}
                onRemove={() => onChange(parts.filter((_, i) => i !== index))}
              />
            ))}
          </tbody>
        </table>
      ) : null}
      <div className="multipart__add">
        <button type="button" className="button button--small" onClick={() => add('text')}>
          + Text field
        </button>
        <button type="button" className="button button--small" onClick={() => add('file')}>
          + File
        </button>
      </div>
    </div>
  )
}

type PartRowsProps = {
  part: MultipartPart
  expanded: boolean
  onToggle: () => void
  onChange: (part: MultipartPart) => void
  onRemove: () => void
}

function PartRows({ part, expanded, onToggle, onChange, onRemove }: PartRowsProps) {
  const label = part.name || 'part'
  const problem = part.enabled ? partProblem(part) : undefined
  const problemId = useId()
  const setKind = (kind: 'text' | 'file') => {
    if (kind === part.kind) return
    onChange(
      kind === 'text'
        ? { kind: 'text', name: part.name, value: '', enabled: part.enabled, headers: part.headers }
        : { kind: 'file', name: part.name, enabled: part.enabled, file: null, headers: part.headers },
    )
  }
  return (
    <>
      <tr
        className={`kv-table__row${part.enabled ? '' : ' kv-table__row--off'}${rowProblemClass(problem)}`}
        title={problem}
      >
        <td className="kv-table__check">
          <input
            type="checkbox"
            aria-label="Enabled"
            checked={part.enabled}
            onChange={(event) => onChange({ ...part, enabled: event.target.checked })}
          />
        </td>
        <td>
          <input
            className="kv-table__input"
            aria-label="Part name"
            placeholder="name"
            value={part.name}
            spellCheck={false}
            {...problemFieldProps(problem, problemId)}
            onChange={(event) => onChange({ ...part, name: event.target.value })}
          />
          <RowProblem problem={problem} id={problemId} />
        </td>
        <td className="multipart__kind-col">
          <select
            aria-label={`Kind of ${label}`}
            className="multipart__kind"
            value={part.kind}
            onChange={(event) => setKind(event.target.value as 'text' | 'file')}
          >
            <option value="text">Text</option>
            <option value="file">File</option>
          </select>
        </td>
        <td>
          {part.kind === 'text' ? (
            <VariableInput
              className="kv-table__input"
              aria-label={`Value of ${label}`}
              placeholder="value"
              value={part.value}
              spellCheck={false}
              onChange={(value) => onChange({ ...part, value })}
            />
          ) : (
            <FilePicker label={`File for ${label}`} file={part.file} onFile={(file) => onChange({ ...part, file })} />
          )}
        </td>
        <td className="multipart__type-col">
          <input
            className="kv-table__input"
            aria-label={`Content type of ${label}`}
            placeholder={part.kind === 'file' ? (part.file?.contentType ?? 'auto') : 'none'}
            value={part.contentType ?? ''}
            spellCheck={false}
            onChange={(event) => onChange({ ...part, contentType: event.target.value || undefined })}
          />
        </td>
        <td className="multipart__actions">
          <button
            type="button"
            className="icon-button"
            aria-expanded={expanded}
            aria-label={`More options for ${label}`}
            title="File name and part headers"
            onClick={onToggle}
          >
            ⋯
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label={`Remove ${label}`}
            title="Remove"
            onClick={onRemove}
          >
            ×
          </button>
        </td>
      </tr>
      {expanded ? (
        <tr className="multipart__details">
          <td />
          <td colSpan={5}>
            <div className="multipart__options">
              <label className="field">
                <span>{part.kind === 'text' ? 'Send as a file named' : 'File name on the wire'}</span>
                <input
                  aria-label={`File name of ${label}`}
                  placeholder={part.kind === 'file' ? (part.file?.filename ?? '') : 'e.g. report.csv'}
                  value={part.filename ?? ''}
                  spellCheck={false}
                  onChange={(event) => onChange({ ...part, filename: event.target.value || undefined })}
                />
              </label>
              <KeyValueTable
                label={`Headers of ${label}`}
                rows={part.headers.map(([name, value]): Row => [name, value, true])}
                onChange={(rows) =>
                  onChange({
                    ...part,
                    headers: rows.filter(([, , enabled]) => enabled).map(([name, value]): Pair => [name, value]),
                  })
                }
                keyPlaceholder="Part header"
              />
            </div>
          </td>
        </tr>
      ) : null}
    </>
  )
}
