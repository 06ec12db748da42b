/**
 * A score for how well `query` matches `text` as a subsequence (case-insensitive): higher is
 * better, null when it does not match. Consecutive letters and word starts count more, so
 * "lo" ranks "List orders" above "hello".
 */
export function fuzzyScore(query: string, text: string): number | null {
  const q = query.trim().toLowerCase()
  if (q === '') return 0
  const t = text.toLowerCase()
  const exact = t.indexOf(q)
  if (exact !== -1) return 1000 - exact + (exact === 0 || /\W/.test(t[exact - 1]!) ? 200 : 0)
  let score = 0
  let at = -1
  let streak = 0
  for (const char of q) {
    if (char === ' ') continue
    const found = t.indexOf(char, at + 1)
    if (found === -1) return null
    streak = found === at + 1 ? streak + 1 : 0
    score += 1 + streak * 3 + (found === 0 || /\W/.test(t[found - 1]!) ? 5 : 0)
    at = found
  }
  return score
}

/** The items that match, best first, at most `limit`. */
export function rank<T>(items: readonly T[], query: string, text: (item: T) => string, limit = 50): T[] {
  return items
    .map((item, index) => ({ item, index, score: fuzzyScore(query, text(item)) }))
    .filter((entry): entry is { item: T; index: number; score: number } => entry.score !== null)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, limit)
    .map((entry) => entry.item)
}
