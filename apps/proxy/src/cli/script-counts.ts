import type { CollectionItem, CollectionTree, RunReport } from '@courier/shared'

/**
 * How many pre-request and test scripts the run executed, as newman counts them: every non-empty
 * script around each request (collection, folders, the request), test scripts only when an answer came.
 */
export function scriptCounts(report: RunReport, tree: CollectionTree): { test: number; prerequest: number } {
  const byId = new Map<string, CollectionItem>(tree.items.map((item) => [item.id, item]))
  let test = 0
  let prerequest = 0
  for (const step of report.steps) {
    const item = step.itemId ? byId.get(step.itemId) : undefined
    if (!item || item.kind !== 'request') continue
    const levels = [tree.scripts, item.request.scripts]
    for (let parent = item.parentId; parent;) {
      const folder = byId.get(parent)
      if (!folder || folder.kind !== 'folder') break
      levels.push(folder.scripts)
      parent = folder.parentId
    }
    prerequest += levels.filter((s) => s.preRequest.trim() !== '').length
    if (step.record.status !== null && !step.record.scripts?.skipped)
      test += levels.filter((s) => s.test.trim() !== '').length
  }
  return { test, prerequest }
}
