import type { ViewSettings } from '@courier/shared'
import { MegabytesField } from '../../shared/ui/fields'

/** How responses open in the browser: past this size a body first offers Download or View anyway. */
export function ViewSettingsForm({
  value,
  onChange,
}: {
  value: ViewSettings
  onChange: (value: ViewSettings) => void
}) {
  return (
    <div className="settings-form">
      <fieldset>
        <legend>Large bodies</legend>
        <MegabytesField
          label="Open automatically below"
          min={1}
          max={4096}
          bytes={value.largeBodyBytes}
          onChange={(largeBodyBytes) => onChange({ ...value, largeBodyBytes })}
        />
        <p className="hint">
          Larger ones offer Download or View anyway first. Viewing stays responsive at any size, but takes memory.
        </p>
      </fieldset>
    </div>
  )
}
