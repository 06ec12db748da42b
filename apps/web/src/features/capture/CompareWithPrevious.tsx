import { isJsonContentType, type HistoryEntry } from '@courier/shared'
import { useQuery } from '@tanstack/react-query'
import { DiffEditor } from '../../shared/code-editor/DiffEditor'
import { Dialog } from '../../shared/ui/Dialog'
import { compareExchanges } from './compare-exchanges'
import { bodyText } from '../history'

type CompareProps = {
  /** [previous, current]; null: closed. */
  pair: [HistoryEntry, HistoryEntry] | null
  onClose: () => void
}

const when = (entry: HistoryEntry) =>
  `${entry.response.status ?? 'failed'} at ${new Date(entry.createdAt).toLocaleTimeString(undefined, { hourCycle: 'h23' })}`

/** The previous exchange with the same method and path against this one: in words, then the bodies' diff. */
export function CompareWithPrevious({ pair, onClose }: CompareProps) {
  const bodies = useQuery({
    queryKey: ['capture-compare', pair?.[0].id, pair?.[1].id],
    enabled: pair !== null,
    staleTime: Infinity,
    queryFn: async () => Promise.all(pair!.map(bodyText)),
  })
  const comparison = pair ? compareExchanges(pair[0], pair[1]) : null
  const json = pair?.every((entry) => isJsonContentType(entry.response.body?.contentType ?? null)) ?? false
  return (
    <Dialog title="Compare with previous" open={pair !== null} onClose={onClose} wide>
      {pair && comparison ? (
        <div className="capture-compare">
          <p className="capture-compare__labels">
            {pair[1].method} {pair[1].url}: previous {when(pair[0])}, this one {when(pair[1])}
          </p>
          <ul className="capture-compare__words" aria-label="Differences">
            {comparison.words.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          {comparison.added.length || comparison.removed.length || comparison.changed.length ? (
            <table className="data-table capture-compare__headers" aria-label="Header changes">
              <thead>
                <tr>
                  <th>Header</th>
                  <th>Previous</th>
                  <th>This one</th>
                </tr>
              </thead>
              <tbody>
                {comparison.added.map(([name, value]) => (
                  <tr key={`+${name}`} className="capture-compare__added">
                    <td>{name}</td>
                    <td>(absent)</td>
                    <td>{value}</td>
                  </tr>
                ))}
                {comparison.removed.map(([name, value]) => (
                  <tr key={`-${name}`} className="capture-compare__removed">
                    <td>{name}</td>
                    <td>{value}</td>
                    <td>(absent)</td>
                  </tr>
                ))}
                {comparison.changed.map((change) => (
                  <tr key={`~${change.name}`}>
                    <td>{change.name}</td>
                    <td>{change.from}</td>
                    <td>{change.to}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {bodies.data ? (
            <DiffEditor
              original={bodies.data[0]!}
              modified={bodies.data[1]!}
              language={json ? 'json' : 'plaintext'}
              originalLabel={`Previous (${when(pair[0])})`}
              modifiedLabel={`This one (${when(pair[1])})`}
            />
          ) : (
            <p className="empty-note">Loading both bodies…</p>
          )}
        </div>
      ) : null}
    </Dialog>
  )
}
