/** What the runner runs: a collection, or one folder of it (and everything inside). */
export type RunTarget = {
  collectionId: string
  folderId?: string
  /** "Shop API" or "Shop API / Orders", as shown. */
  name: string
}

/** Which screen the runner shows: the setup of a run, one run (live or kept), or the kept runs. */
export type RunnerView = { kind: 'setup'; target: RunTarget } | { kind: 'run'; runId: string } | { kind: 'runs' }

/** "Shop API / Orders / Drafts": the collection, then the folders down to the one run. */
export function targetPath(
  collections: readonly {
    id: string
    name: string
    items: readonly { id: string; name: string; parentId: string | null }[]
  }[],
  target: RunTarget,
): string {
  const collection = collections.find((c) => c.id === target.collectionId)
  if (!collection) return target.name
  const names: string[] = []
  let id: string | null = target.folderId ?? null
  while (id) {
    const folder = collection.items.find((item) => item.id === id)
    if (!folder) break
    names.unshift(folder.name)
    id = folder.parentId
  }
  return [collection.name, ...names].join(' / ')
}
