import type { ImportReport, SkippedItem } from '@courier/shared'

type Group = { what: string; reason: string; where: string[] }

/** Names, variables and numbers taken out, so "variable {{host}}" and "variable {{token}}" group. */
const shape = (text: string) => text.replace(/“[^”]*”|\{\{[^}]*\}\}|\([^)]*\)|\d+/g, '…')

/** The same kind of problem for the same reason: one line, with every place it occurred. */
function groups(skipped: readonly SkippedItem[]): Group[] {
  const byKey = new Map<string, { items: SkippedItem[] }>()
  for (const item of skipped) {
    const key = `${shape(item.what)}\u0000${shape(item.reason)}`
    byKey.set(key, { items: [...(byKey.get(key)?.items ?? []), item] })
  }
  return [...byKey.values()].map(({ items }) => {
    const first = items[0]!
    const same = items.every((i) => i.what === first.what)
    return {
      what: same ? first.what : shape(first.what).replace(/…(\s*…)*/g, '…'),
      reason: items.every((i) => i.reason === first.reason) ? first.reason : first.reason.replace(/“[^”]*”/g, '…'),
      where: items.map((i) => (same ? i.where : `${i.where}: ${i.what}`)),
    }
  })
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/**
 * What an import will create and everything it could not translate, before anything is stored.
 * Names come from the file: React renders them as text, never as markup.
 */
export function ImportReportView({ report }: { report: ImportReport }) {
  const { counts } = report
  const created = [
    counts.collections && plural(counts.collections, 'collection'),
    counts.folders && plural(counts.folders, 'folder'),
    counts.requests && plural(counts.requests, 'request'),
    counts.environments && plural(counts.environments, 'environment'),
    counts.variables && plural(counts.variables, 'variable'),
  ].filter(Boolean)
  const list = groups(report.skipped)
  return (
    <section className="import-report" aria-label="Import report">
      <p className="import-report__summary">
        <span className="chip">{report.formatLabel}</span>{' '}
        {created.length ? `Will create ${created.join(', ')}.` : 'Nothing to create.'}
      </p>
      {list.length === 0 ? (
        <p className="import-report__clean">Everything in the file translates to Courier.</p>
      ) : (
        <>
          <h3 className="import-report__title">Not translated or changed ({report.skipped.length})</h3>
          <ul className="import-report__list">
            {list.map((group) => (
              <li key={`${group.what}${group.reason}`} className="import-report__item">
                <div className="import-report__what">
                  {group.what}
                  {group.where.length > 1 ? (
                    <span className="import-report__count"> × {group.where.length}</span>
                  ) : null}
                </div>
                <div className="import-report__reason">{group.reason}</div>
                <details className="import-report__where">
                  <summary>{group.where.length === 1 ? group.where[0] : `${group.where.length} places`}</summary>
                  {group.where.length > 1 ? (
                    <ul>
                      {group.where.slice(0, 200).map((where, index) => (
                        <li key={index}>{where}</li>
                      ))}
                    </ul>
                  ) : null}
                </details>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
