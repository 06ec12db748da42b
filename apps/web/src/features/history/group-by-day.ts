import type { HistorySummary } from '@courier/shared'

export type DayGroup = { label: string; items: HistorySummary[] }

/** "Today", "Yesterday", then dates, newest first (items come newest first). */
export function groupByDay(items: readonly HistorySummary[], now = new Date()): DayGroup[] {
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime()
  const groups: DayGroup[] = []
  for (const item of items) {
    const date = new Date(item.createdAt)
    const day = new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime()
    const label =
      day === today
        ? 'Today'
        : day === today - 86_400_000
          ? 'Yesterday'
          : date.toLocaleDateString(undefined, {
              weekday: 'short',
              day: 'numeric',
              month: 'short',
              year: date.getFullYear() === now.getFullYear() ? undefined : 'numeric',
            })
    const last = groups[groups.length - 1]
    if (last?.label === label) last.items.push(item)
    else groups.push({ label, items: [item] })
  }
  return groups
}
