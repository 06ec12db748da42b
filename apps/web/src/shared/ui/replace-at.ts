/** A copy of `list` with the item at `index` replaced: the edit every row table makes. */
export function replaceAt<T>(list: readonly T[], index: number, item: T): T[] {
  return list.map((current, i) => (i === index ? item : current))
}
