import type { RealtimeSettings } from '@courier/shared'
import { NumberField } from '../../shared/ui/fields'

const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, Math.round(n)))

/** Settings › Realtime: how many frames a session keeps and how much of each frame. */
export function RealtimeSettingsForm({
  value,
  onChange,
}: {
  value: RealtimeSettings
  onChange: (value: RealtimeSettings) => void
}) {
  return (
    <div className="settings-form">
      <fieldset>
        <legend>Sessions</legend>
        <NumberField
          label="Frames kept per session"
          min={100}
          max={1_000_000}
          value={value.maxFrames}
          onChange={(v) => onChange({ ...value, maxFrames: clamp(v, 100, 1_000_000) })}
        />
        <NumberField
          label="Frame preview size"
          unit="KB"
          min={1}
          max={16 * 1024}
          value={Math.round(value.maxFramePreviewBytes / 1024)}
          onChange={(v) => onChange({ ...value, maxFramePreviewBytes: clamp(v, 1, 16 * 1024) * 1024 })}
        />
        <p className="hint">
          Past the cap frames are counted, not kept; a frame larger than the preview size is kept cut short.
        </p>
      </fieldset>
    </div>
  )
}
