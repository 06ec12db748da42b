import { useCallback, useState, type SetStateAction } from 'react'

/** Reads a value this browser kept under `key`; `parse` says what is acceptable (undefined: not). */
function read<T>(key: string, initial: T, parse: (raw: unknown) => T | undefined): T {
  try {
    const raw = localStorage.getItem(key)
    return raw === null ? initial : (parse(JSON.parse(raw)) ?? initial)
  } catch {
    return initial
  }
}

/**
 * useState kept in this browser's localStorage (layout, what is expanded): it survives a reload and
 * a component unmounting. A stored value that no longer parses is ignored, never an error.
 */
export function useStoredState<T>(key: string, initial: T, parse: (raw: unknown) => T | undefined) {
  const [value, setValue] = useState<T>(() => read(key, initial, parse))
  const set = useCallback(
    (next: SetStateAction<T>) =>
      setValue((current) => {
        const value = typeof next === 'function' ? (next as (current: T) => T)(current) : next
        try {
          localStorage.setItem(key, JSON.stringify(value))
        } catch {
          // Storage full or disabled: the value still holds for this page.
        }
        return value
      }),
    [key],
  )
  return [value, set] as const
}

export const parseNumber = (raw: unknown) => (typeof raw === 'number' && Number.isFinite(raw) ? raw : undefined)
export const parseBoolean = (raw: unknown) => (typeof raw === 'boolean' ? raw : undefined)
export const parseStrings = (raw: unknown) =>
  Array.isArray(raw) && raw.every((item) => typeof item === 'string') ? (raw as string[]) : undefined
