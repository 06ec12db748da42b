/** "in 59 min", "3 min ago": how far a moment is from now, to the unit that matters. */
export function relativeTime(iso: string, now: number = Date.now()): string {
  const ms = Date.parse(iso) - now
  const abs = Math.abs(ms)
  const text =
    abs < 60_000
      ? `${Math.max(1, Math.round(abs / 1000))} s`
      : abs < 3_600_000
        ? `${Math.round(abs / 60_000)} min`
        : abs < 86_400_000
          ? `${Math.round(abs / 3_600_000)} h`
          : `${Math.round(abs / 86_400_000)} d`
  return ms >= 0 ? `in ${text}` : `${text} ago`
}

/** JWT time claims (exp, iat, nbf, auth_time) as readable moments beside their numbers. */
export function claimTime(name: string, value: unknown): string | null {
  if (!['exp', 'iat', 'nbf', 'auth_time'].includes(name) || typeof value !== 'number') return null
  const iso = new Date(value * 1000).toISOString()
  return `${new Date(iso).toLocaleString()} (${relativeTime(iso)})`
}
