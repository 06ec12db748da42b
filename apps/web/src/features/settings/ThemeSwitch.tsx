import { useId } from 'react'
import { useColorScheme, useThemeChoice } from '../../shared/ui/use-color-scheme'
import { setThemeChoice, type ThemeChoice } from '../../shared/ui/theme'

const CHOICES: { value: ThemeChoice; label: string }[] = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
  { value: 'system', label: 'System' },
]

/** Light, dark or the system's scheme: applied at once and kept in this browser (no Save needed). */
export function ThemeSwitch() {
  const choice = useThemeChoice()
  const scheme = useColorScheme()
  const labelId = useId()
  return (
    <div className="settings-form theme-switch-form">
      <fieldset>
        <legend>Appearance</legend>
        <div className="theme-switch">
          <span id={labelId}>Theme</span>
          <div role="radiogroup" aria-labelledby={labelId} className="segmented">
            {CHOICES.map(({ value, label }) => (
              <label key={value} className={`segmented__item${choice === value ? ' is-selected' : ''}`}>
                <input
                  type="radio"
                  name="theme"
                  value={value}
                  checked={choice === value}
                  onChange={() => setThemeChoice(value)}
                />
                {label}
              </label>
            ))}
          </div>
        </div>
        <p className="hint">
          {choice === 'system' ? `Follows your system, now ${scheme}. ` : ''}Applies at once, in this browser.
        </p>
      </fieldset>
    </div>
  )
}
