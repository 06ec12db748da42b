import type { RequestBody, Row } from '@courier/shared'
import { RowsEditor } from '../../shared/ui/RowsEditor'
import { contentTypeFor } from './body/BodyPanel'
import { COMMON_HEADERS, valueSuggestions } from './header-suggestions'

/** Headers Courier adds unless a row of yours has the same name (a disabled row removes it). */
export function defaultHeaders(version: string): [string, string][] {
  return [
    ['User-Agent', `Courier/${version}`],
    ['Accept', '*/*'],
    ['Accept-Encoding', 'gzip, deflate, br'],
  ]
}

type HeadersPanelProps = { headers: Row[]; body: RequestBody; onHeaders: (rows: Row[]) => void; version: string }

export function HeadersPanel({ headers, body, onHeaders, version }: HeadersPanelProps) {
  const own = new Map(
    headers.filter(([name]) => name.trim() !== '').map(([name, , enabled]) => [name.trim().toLowerCase(), enabled]),
  )
  const removable = defaultHeaders(version).filter(([name]) => !own.has(name.toLowerCase()))
  const bodyType = contentTypeFor(body)
  const overridesBodyType = bodyType !== null && own.get('content-type') === true
  return (
    <div className="panel-stack">
      <RowsEditor
        title="Headers"
        rows={headers}
        onChange={onHeaders}
        keyPlaceholder="Add header"
        keySuggestions={COMMON_HEADERS}
        valueSuggestions={valueSuggestions}
      />
      {overridesBodyType ? (
        <p className="inline-note" role="note">
          Your Content-Type replaces the <code>{bodyType}</code> Courier would send for this body.
        </p>
      ) : null}
      <section className="auto-headers" aria-label="Headers Courier adds">
        <h3 className="section-title">Added by Courier</h3>
        <ul className="auto-headers__list">
          <li className="auto-headers__item">
            <span className="auto-headers__name">Host</span>
            <span className="auto-headers__value">from the URL</span>
            <span />
          </li>
          {removable.map(([name, value]) => (
            <li key={name} className="auto-headers__item">
              <span className="auto-headers__name">{name}</span>
              <span className="auto-headers__value">{value}</span>
              <button
                type="button"
                className="link-button"
                aria-label={`Don't send ${name}`}
                onClick={() => onHeaders([...headers, [name, value, false]])}
              >
                Remove
              </button>
            </li>
          ))}
          {bodyType && !overridesBodyType ? (
            <li className="auto-headers__item">
              <span className="auto-headers__name">Content-Type</span>
              <span className="auto-headers__value">{bodyType}</span>
              <span className="auto-headers__why">from the body</span>
            </li>
          ) : null}
          {body.kind !== 'none' ? (
            <li className="auto-headers__item">
              <span className="auto-headers__name">Content-Length</span>
              <span className="auto-headers__value">computed when sent</span>
              <span />
            </li>
          ) : null}
        </ul>
        <p className="hint">
          A header of yours with the same name replaces a default; a disabled one stops it. Framing headers
          (Content-Length, Transfer-Encoding, Connection) are Courier's.
        </p>
      </section>
    </div>
  )
}
