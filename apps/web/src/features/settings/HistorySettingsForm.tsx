import type { HistoryRetentionSettings } from '@courier/shared'
import { MegabytesField, NumberField } from '../../shared/ui/fields'

/** Retention: history is unlimited until one of these limits is set. */
export function HistorySettingsForm({
  value,
  onChange,
}: {
  value: HistoryRetentionSettings
  onChange: (value: HistoryRetentionSettings) => void
}) {
  return (
    <div className="settings-form">
      <fieldset>
        <legend>Keep</legend>
        <NumberField
          label="At most entries"
          min={10}
          value={value.maxEntries ?? undefined}
          placeholder="unlimited"
          onChange={(v) => onChange({ ...value, maxEntries: Math.max(10, Math.round(v)) })}
          onClear={() => onChange({ ...value, maxEntries: null })}
        />
        <MegabytesField
          label="At most body storage"
          min={1}
          bytes={value.maxBytes ?? undefined}
          placeholder="unlimited"
          onChange={(maxBytes) => onChange({ ...value, maxBytes })}
          onClear={() => onChange({ ...value, maxBytes: null })}
        />
        <NumberField
          label="For at most"
          unit="days"
          min={1}
          value={value.maxAgeDays ?? undefined}
          placeholder="forever"
          onChange={(v) => onChange({ ...value, maxAgeDays: Math.max(1, Math.round(v)) })}
          onClear={() => onChange({ ...value, maxAgeDays: null })}
        />
        <p className="hint">Oldest entries go first. Leave a field empty for no limit.</p>
      </fieldset>
    </div>
  )
}
