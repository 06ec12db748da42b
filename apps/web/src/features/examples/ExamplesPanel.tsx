import type { Example } from '@courier/shared'
import { useState } from 'react'
import { CodeEditor } from '../../shared/code-editor/CodeEditor'
import { exampleLanguage } from './example-language'
import './examples.css'

type ExamplesPanelProps = {
  examples: Example[]
  onExamples: (examples: Example[]) => void
}

/**
 * A request's saved examples (Postman's examples, or responses saved here): a list by name and
 * status; the open one shows its status, headers and body read-only, and can be renamed or deleted.
 */
export function ExamplesPanel({ examples, onExamples }: ExamplesPanelProps) {
  const [open, setOpen] = useState(0)
  const [renaming, setRenaming] = useState<string | null>(null)
  if (examples.length === 0)
    return (
      <p className="empty-note">
        No saved examples. Send the request and choose “Save as example” beside the response, or import a Postman
        collection that has them.
      </p>
    )
  const index = Math.min(open, examples.length - 1)
  const example = examples[index]!
  const replace = (next: Example | null) =>
    onExamples(next ? examples.map((e, i) => (i === index ? next : e)) : examples.filter((_, i) => i !== index))
  const finishRename = () => {
    const name = renaming?.trim()
    if (name) replace({ ...example, name })
    setRenaming(null)
  }
  return (
    <div className="examples">
      <ul className="examples__list" aria-label="Saved examples">
        {examples.map((e, i) => (
          <li key={`${i}:${e.name}`}>
            <button
              type="button"
              className={`examples__item${i === index ? ' examples__item--open' : ''}`}
              aria-current={i === index ? 'true' : undefined}
              aria-label={`Example ${e.name}, status ${e.status}`}
              onClick={() => {
                setOpen(i)
                setRenaming(null)
              }}
            >
              <span className={`examples__status examples__status--${String(e.status)[0]}xx`}>{e.status}</span>
              <span className="examples__name">{e.name}</span>
            </button>
          </li>
        ))}
      </ul>
      <section className="examples__detail" aria-label={`Example ${example.name}`}>
        <div className="section-head">
          {renaming !== null ? (
            <form
              className="examples__rename"
              onSubmit={(event) => {
                event.preventDefault()
                finishRename()
              }}
            >
              <input
                className="text-input"
                aria-label="Example name"
                value={renaming}
                autoFocus
                maxLength={500}
                onChange={(event) => setRenaming(event.target.value)}
                onKeyDown={(event) => event.key === 'Escape' && setRenaming(null)}
              />
              <button type="submit" className="button">
                Save name
              </button>
            </form>
          ) : (
            <h3 className="section-title">{example.name}</h3>
          )}
          <div className="examples__actions">
            {renaming === null ? (
              <button type="button" className="link-button" onClick={() => setRenaming(example.name)}>
                Rename example
              </button>
            ) : null}
            <button type="button" className="link-button" onClick={() => replace(null)}>
              Delete example
            </button>
          </div>
        </div>
        <p className="examples__status-line" aria-label="Example status">
          {example.status} {example.statusText}
        </p>
        {example.request ? (
          <p className="hint examples__request">
            Answer to {example.request.method} {example.request.url}
          </p>
        ) : null}
        <table className="data-table examples__headers" aria-label="Example headers">
          <thead>
            <tr>
              <th scope="col">Header</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {example.headers.map(([name, value], i) => (
              <tr key={`${i}:${name}`}>
                <td>{name}</td>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="examples__body">
          <CodeEditor
            value={example.body}
            documentKey={`${index}:${example.name}:${example.body.length}`}
            language={exampleLanguage(example)}
            readOnly
            wordWrap
            ariaLabel="Example body"
          />
        </div>
      </section>
    </div>
  )
}
