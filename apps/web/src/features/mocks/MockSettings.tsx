import type { Mock } from '@courier/shared'
import { useEffect, useState, type FormEvent } from 'react'
import { FormProblems } from '../../shared/ui/FormProblems'
import { OriginsField, parseOrigins } from '../capture'
import { OverrideField } from './OverrideField'

type MockSettingsProps = {
  mock: Mock
  busy: boolean
  onSave: (patch: { allowedOrigins?: string[]; delayMs?: number }) => void
}

/** A mock's allowed origins and its delay for every route, changed after it was made. */
export function MockSettings({ mock, busy, onSave }: MockSettingsProps) {
  const [origins, setOrigins] = useState(mock.allowedOrigins.join('\n'))
  const [problems, setProblems] = useState<string[]>([])
  // What is saved (here or elsewhere) replaces what the field shows.
  const saved = mock.allowedOrigins.join('\n')
  useEffect(() => setOrigins(saved), [saved])
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const parsed = parseOrigins(origins, true)
    setProblems(parsed.problems)
    if (!parsed.problems.length) onSave({ allowedOrigins: parsed.origins })
  }
  return (
    <details className="mock-settings">
      <summary>Allowed origins and delay</summary>
      <form className="mock-settings__form" aria-label="Mock settings" onSubmit={submit}>
        <OriginsField value={origins} onChange={setOrigins} />
        <FormProblems problems={problems} />
        <div className="mock-settings__row">
          <button type="submit" className="button button--small" disabled={busy}>
            Save origins
          </button>
          <span className="mock-settings__delay">
            <OverrideField
              label="Delay for every route (ms)"
              value={mock.delayMs || null}
              min={0}
              max={60_000}
              placeholder="0"
              onCommit={(delayMs) => onSave({ delayMs: delayMs ?? 0 })}
            />
            ms before every answer (a route's own delay wins)
          </span>
        </div>
      </form>
    </details>
  )
}
