const UNITS = ['KB', 'MB', 'GB'] as const

/**
 * 1 234 B, 12.3 KB, 4.50 MB — in units of 1024, the same units the size limits in Settings are
 * typed in, so "cut at 50.0 MB" and a 50 MB limit agree. The one formatter for every size shown.
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toFixed(value < 10 ? 2 : 1)} ${UNITS[unit]}`
}
