import type { CollectionTree } from '@courier/shared'

export type Destination = { collectionId: string; parentId: string | null; label: string }

/** Every place a request can go: each collection's top level and each folder, as "Shop / Orders". */
export function destinations(collections: readonly CollectionTree[], excludeUnder?: string): Destination[] {
  const result: Destination[] = []
  for (const collection of collections) {
    const walk = (parentId: string | null, label: string) => {
      result.push({ collectionId: collection.id, parentId, label })
      for (const folder of collection.items.filter((i) => i.kind === 'folder' && i.parentId === parentId)) {
        if (folder.id !== excludeUnder) walk(folder.id, `${label} / ${folder.name}`)
      }
    }
    walk(null, collection.name)
  }
  return result
}

/** A destination as a <select> option value, and back. */
export function destinationKey(place: Pick<Destination, 'collectionId' | 'parentId'>): string {
  return `${place.collectionId}|${place.parentId ?? ''}`
}

export function parseDestinationKey(key: string): { collectionId: string; parentId: string | null } {
  const [collectionId, parentId] = key.split('|')
  return { collectionId: collectionId!, parentId: parentId || null }
}
