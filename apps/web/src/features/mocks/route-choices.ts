import type { MockRouteChoice } from '@courier/shared'

/** The mock's route choices with one route's changed (a choice back to all-null is dropped). */
export function withChoice(
  choices: readonly MockRouteChoice[],
  route: string,
  patch: Partial<Omit<MockRouteChoice, 'route'>>,
): MockRouteChoice[] {
  const current = choices.find((choice) => choice.route === route) ?? {
    route,
    example: null,
    status: null,
    delayMs: null,
  }
  const next = { ...current, ...patch }
  const rest = choices.filter((choice) => choice.route !== route)
  return next.example === null && next.status === null && next.delayMs === null ? rest : [...rest, next]
}

/** A number field's text as an override: empty is "none" (null); anything else must be a whole number in range. */
export function overrideOf(text: string, min: number, max: number): { value: number | null } | { problem: string } {
  const trimmed = text.trim()
  if (!trimmed) return { value: null }
  const value = Number(trimmed)
  if (!Number.isInteger(value) || value < min || value > max) return { problem: `a whole number from ${min} to ${max}` }
  return { value }
}
