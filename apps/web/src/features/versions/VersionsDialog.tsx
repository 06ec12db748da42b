import { describeChanges, type VersionedKind } from '@courier/shared'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Dialog } from '../../shared/ui/Dialog'
import { when, who } from './format-value'
import { usePersonName } from './use-person-name'
import { useRestoreVersion, versionOptions, versionsOptions } from './version-queries'
import './versions.css'

export type VersionsTarget = { kind: VersionedKind; id: string; name: string }

type Doc = Parameters<typeof describeChanges>[1]

/** "History" of a saved request, folder, collection or environment: its versions, one viewed against the current, restore. */
export function VersionsDialog({
  target,
  onClose,
  onRestored,
}: {
  target: VersionsTarget | null
  onClose: () => void
  onRestored?: (version: number) => void
}) {
  return target ? <VersionsBody target={target} onClose={onClose} onRestored={onRestored} /> : null
}

function VersionsBody({
  target,
  onClose,
  onRestored,
}: {
  target: VersionsTarget
  onClose: () => void
  onRestored?: (version: number) => void
}) {
  const list = useQuery(versionsOptions(target.kind, target.id))
  const [chosen, setChosen] = useState<number | null>(null)
  const newest = list.data?.[0]?.version ?? null
  const selected = chosen ?? newest
  const one = useQuery(versionOptions(target.kind, target.id, selected))
  const current = useQuery(versionOptions(target.kind, target.id, newest))
  const restore = useRestoreVersion()
  const nameOf = usePersonName()
  const isCurrent = selected !== null && selected === newest
  const diff =
    one.data && current.data && !isCurrent
      ? describeChanges(one.data.data as Doc, current.data.data as Doc).filter((c) => c !== 'no change')
      : []
  return (
    <Dialog title={`History of “${target.name}”`} open wide onClose={onClose}>
      {list.isPending ? <p className="hint">Loading versions…</p> : null}
      {list.isError ? <p className="hint">{list.error.message}</p> : null}
      {list.data ? (
        <div className="versions">
          <ul className="versions__list" aria-label="Versions">
            {list.data.map((v) => (
              <li key={v.version}>
                <button
                  type="button"
                  className="versions__entry"
                  aria-current={v.version === selected}
                  onClick={() => setChosen(v.version)}
                >
                  Version {v.version}
                  {v.version === newest ? ' (current)' : ''}
                  <span className="versions__meta">
                    {who(v.userId, nameOf(v.userId)).replace(' (another tab)', '')} · {when(v.at)}
                  </span>
                  <span className="versions__meta">{v.changes.join(', ')}</span>
                </button>
              </li>
            ))}
          </ul>
          <section className="versions__detail" aria-label={`Version ${selected ?? ''}`}>
            {one.data ? (
              <>
                <h3 className="dialog__title">
                  Version {one.data.version}
                  {isCurrent ? ' — the current one' : ''}
                </h3>
                {isCurrent ? (
                  <p className="hint">This is what is saved now. Pick an earlier version to compare and restore it.</p>
                ) : (
                  <>
                    <p className="hint">Compared with the current version, the current one has:</p>
                    <ul className="versions__changes" aria-label="Differences from the current version">
                      {(diff.length > 0 ? diff : ['no differences']).map((change) => (
                        <li key={change}>{change}</li>
                      ))}
                    </ul>
                    <button
                      type="button"
                      className="button button--primary"
                      style={{ marginTop: 10 }}
                      disabled={restore.isPending}
                      onClick={() =>
                        restore.mutate(
                          { kind: target.kind, id: target.id, version: one.data.version },
                          {
                            onSuccess: (restored) => {
                              setChosen(null)
                              onRestored?.(restored.version)
                            },
                          },
                        )
                      }
                    >
                      Restore this version
                    </button>
                  </>
                )}
                <pre aria-label="Saved content (read-only)">{JSON.stringify(one.data.data, null, 2)}</pre>
              </>
            ) : null}
          </section>
        </div>
      ) : null}
    </Dialog>
  )
}
