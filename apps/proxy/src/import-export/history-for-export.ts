import type { HistoryEntry } from '@courier/shared'
import type { HistoryExportInput } from '@courier/shared/convert'
import type { BodyStore } from '../storage/body-store.js'
import type { HistoryStore } from '../storage/store.js'

/** Response bodies the HAR carries are capped: history exports are for reading, not archiving. */
const MAX_BODY_CHARS = 1024 * 1024

/**
 * The entries a history export covers: the given ids, or every entry the history list's
 * filters match (newest first, paged through the store's own query), up to `max`.
 */
export async function historyForExport(
  history: HistoryStore,
  input: Required<Pick<HistoryExportInput, 'max'>> & HistoryExportInput,
): Promise<HistoryEntry[]> {
  const ids: string[] = []
  if (input.ids) ids.push(...input.ids.slice(0, input.max))
  else {
    let before: string | undefined
    while (ids.length < input.max) {
      const page = await history.list({
        ...(input.query ?? {}),
        limit: Math.min(500, input.max - ids.length),
        ...(before ? { before } : {}),
      })
      ids.push(...page.items.map((item) => item.id))
      if (!page.nextCursor || page.items.length === 0) break
      before = page.nextCursor
    }
  }
  const entries: HistoryEntry[] = []
  for (const id of ids) {
    const entry = await history.get(id)
    if (entry) entries.push(entry)
  }
  return entries
}

/** Textual response bodies read back from the body store, for the HAR's `content.text`. */
export async function textBodies(
  bodies: Pick<BodyStore, 'readText'>,
  entries: readonly HistoryEntry[],
): Promise<Map<string, string>> {
  const texts = new Map<string, string>()
  for (const entry of entries) {
    const body = entry.response.body
    if (!body?.isText || body.size > MAX_BODY_CHARS) continue
    if (body.inline !== null && body.inline.length >= body.size) continue
    try {
      texts.set(entry.id, await bodies.readText(entry.id))
    } catch {
      /* the body was pruned by retention: the inline preview is used */
    }
  }
  return texts
}
