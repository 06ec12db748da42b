import { parseBoolean, useStoredState } from '../../../shared/ui/use-stored-state'

/** Where this browser keeps whether Raw wraps long lines. */
export const RAW_WRAP_KEY = 'courier.rawWrap'

/** Whether Raw wraps long lines: off until chosen, then remembered across reloads. */
export function useRawWrap() {
  return useStoredState(RAW_WRAP_KEY, false, parseBoolean)
}

/** The Raw view's "Wrap lines" checkbox, for the body toolbar. */
export function WrapToggle({ wrap, onChange }: { wrap: boolean; onChange: (wrap: boolean) => void }) {
  return (
    <label className="check response-body__wrap">
      <input type="checkbox" checked={wrap} onChange={(event) => onChange(event.target.checked)} />
      Wrap lines
    </label>
  )
}
