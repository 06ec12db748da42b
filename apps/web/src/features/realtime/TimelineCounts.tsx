/** N frames (M shown), and the frames dropped past the cap (Settings › Realtime). */
export function TimelineCounts({ total, shown, dropped }: { total: number; shown: number | null; dropped: number }) {
  const n = (count: number) => count.toLocaleString('en-US')
  return (
    <p className="realtime-counts" aria-label="Frame count">
      {n(total)} {total === 1 ? 'frame' : 'frames'}
      {shown !== null ? ` · ${n(shown)} shown` : ''}
      {dropped > 0 ? (
        <span className="realtime-counts__dropped"> · {n(dropped)} frames dropped past the cap</span>
      ) : null}
    </p>
  )
}
