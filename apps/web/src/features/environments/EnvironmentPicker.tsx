import { GLOBALS_ID } from '@courier/shared'
import { useQuery } from '@tanstack/react-query'
import { environmentsOptions } from './environment-queries'
import './environments.css'

type EnvironmentPickerProps = { value: string | null; onChange: (id: string | null) => void; onManage: () => void }

/** Which environment's variables the requests use (dev, staging, prod…). */
export function EnvironmentPicker({ value, onChange, onManage }: EnvironmentPickerProps) {
  const { data } = useQuery(environmentsOptions())
  const environments = (data ?? []).filter((e) => e.id !== GLOBALS_ID)
  const known = value === null || environments.some((e) => e.id === value)
  return (
    <div className="environment-picker">
      <select
        aria-label="Environment"
        value={known ? (value ?? '') : ''}
        onChange={(event) => onChange(event.target.value || null)}
      >
        <option value="">No environment</option>
        {environments.map((environment) => (
          <option key={environment.id} value={environment.id}>
            {environment.name}
          </option>
        ))}
      </select>
      <button type="button" className="button button--small button--ghost" onClick={onManage}>
        Environments
      </button>
    </div>
  )
}
