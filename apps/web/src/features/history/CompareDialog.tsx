import { isJsonContentType, type HistoryEntry, type HistorySummary } from '@courier/shared'
import { useQueries } from '@tanstack/react-query'
import { useState } from 'react'
import { DiffEditor } from '../../shared/code-editor/DiffEditor'
import { Dialog } from '../../shared/ui/Dialog'
import { Tabs } from '../../shared/ui/Tabs'
import { historyEntryOptions } from './history-queries'
import { bodyText } from './compare-body'
import './history.css'

type View = 'body' | 'headers'

function headText(entry: HistoryEntry): string {
  const r = entry.response
  return [`${r.status ?? 'failed'} ${r.statusText}`.trim(), ...r.headers.map(([n, v]) => `${n}: ${v}`)].join('\n')
}

function label(summary: HistorySummary): string {
  return `${summary.method} ${summary.url} (${new Date(summary.createdAt).toLocaleTimeString()})`
}

/** Two history responses side by side, differences marked: bodies (JSON pretty-printed) or status and headers. */
export function CompareDialog({
  pair,
  onClose,
}: {
  pair: [HistorySummary, HistorySummary] | null
  onClose: () => void
}) {
  const [view, setView] = useState<View>('body')
  const [left, right] = useQueries({
    queries: (pair ?? []).map((summary) => ({
      ...historyEntryOptions(summary.id),
    })),
  })
  const bodies = useQueries({
    queries: [left?.data, right?.data].map((entry, index) => ({
      queryKey: ['compare-body', entry?.id ?? index],
      enabled: entry !== undefined,
      staleTime: Infinity,
      queryFn: () => bodyText(entry!),
    })),
  })
  const ready = left?.data && right?.data && bodies.every((b) => b.data !== undefined)
  const json = [left?.data, right?.data].every((entry) => isJsonContentType(entry?.response.body?.contentType ?? null))
  return (
    <Dialog title="Compare responses" open={pair !== null} onClose={onClose} wide>
      {pair ? (
        <div className="compare">
          <div className="compare__labels">
            <span title={pair[0].url}>{label(pair[0])}</span>
            <span title={pair[1].url}>{label(pair[1])}</span>
          </div>
          <Tabs<View>
            label="Compare"
            size="small"
            selected={view}
            onSelect={setView}
            tabs={[
              { id: 'body', label: 'Body' },
              { id: 'headers', label: 'Status and headers' },
            ]}
          />
          {ready ? (
            <DiffEditor
              original={view === 'body' ? bodies[0]!.data! : headText(left.data!)}
              modified={view === 'body' ? bodies[1]!.data! : headText(right.data!)}
              language={view === 'body' && json ? 'json' : 'plaintext'}
              originalLabel={label(pair[0])}
              modifiedLabel={label(pair[1])}
            />
          ) : (
            <p className="empty-note">Loading both responses…</p>
          )}
        </div>
      ) : null}
    </Dialog>
  )
}
