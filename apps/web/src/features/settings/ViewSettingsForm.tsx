import type { ViewSettings } from '@courier/shared'
import { NumberField } from '../../shared/ui/fields'

const MB = 1024 * 1024

/** How responses open in the browser: past this size a body first offers Download or View anyway. */
export function ViewSettingsForm({ value, onChange }: { value: ViewSettings; onChange: (value: ViewSettings) => void }) {
  return (
    <div className="settings-form">
      <fieldset>
        <legend>Large bodies</legend>
        <NumberField label="Open automatically below" unit="MB" min={1} max={4096} value={Math.round(value.largeBodyBytes / MB)} onChange={(v) => onChange({ ...value, largeBodyBytes: Math.min(4096, Math.max(1, Math.round(v))) * MB })} />
        <p className="hint">Larger ones offer Download or View anyway first. Viewing stays responsive at any size, but takes memory.</p>
      </fieldset>
    </div>
  )
}
