import type { CollectionTree } from '@courier/shared'

export type Destination = { collectionId: string; parentId: string | null; label: string }

/** Every place a request can go: each collection's top level and each folder, as "Shop / Orders". */
export function destinations(collections: readonly CollectionTree[], excludeUnder?: string): Destination[] {
  const result: Destination[] = []
  for (const collection of collections) {
    result.push({ collectionId: collection.id, parentId: null, label: collection.name })
    const walk = (parentId: string, prefix: string) => {
      for (const folder of collection.items.filter((i) => i.kind === 'folder' && i.parentId === parentId)) {
        if (folder.id === excludeUnder) continue
        result.push({ collectionId: collection.id, parentId: folder.id, label: `${prefix} / ${folder.name}` })
        walk(folder.id, `${prefix} / ${folder.name}`)
      }
    }
    for (const folder of collection.items.filter((i) => i.kind === 'folder' && i.parentId === null)) {
      if (folder.id === excludeUnder) continue
      result.push({ collectionId: collection.id, parentId: folder.id, label: `${collection.name} / ${folder.name}` })
      walk(folder.id, `${collection.name} / ${folder.name}`)
    }
  }
  return result
}
