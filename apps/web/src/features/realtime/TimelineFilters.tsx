import type { FrameFilter } from './frame-format'

const TYPES = ['text', 'binary', 'event', 'ack', 'ping', 'pong', 'open', 'close', 'error'] as const

/** Direction, type, a search box and Clear, above the timeline. */
export function TimelineFilters({
  filter,
  onFilter,
  onClear,
}: {
  filter: FrameFilter
  onFilter: (filter: FrameFilter) => void
  onClear: () => void
}) {
  return (
    <div className="realtime-filters">
      <select
        aria-label="Direction filter"
        value={filter.dir}
        onChange={(e) => onFilter({ ...filter, dir: e.target.value as FrameFilter['dir'] })}
      >
        <option value="all">Both ways</option>
        <option value="out">Sent</option>
        <option value="in">Received</option>
        <option value="info">Info</option>
      </select>
      <select
        aria-label="Type filter"
        value={filter.type}
        onChange={(e) => onFilter({ ...filter, type: e.target.value as FrameFilter['type'] })}
      >
        <option value="all">Every type</option>
        {TYPES.map((type) => (
          <option key={type} value={type}>
            {type}
          </option>
        ))}
      </select>
      <input
        type="search"
        className="input realtime-filters__search"
        aria-label="Search frames"
        placeholder="Search frames"
        value={filter.search}
        onChange={(e) => onFilter({ ...filter, search: e.target.value })}
      />
      <button type="button" className="button button--small" onClick={onClear}>
        Clear
      </button>
    </div>
  )
}
