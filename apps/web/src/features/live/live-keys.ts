import { FILES_ACTOR, type ChangeEvent } from '@courier/shared'

export const presenceKeys = { all: ['presence'] as const }

/** The queries a change makes stale: collection and item changes redraw the tree (it holds every item). */
export function keysFor(kind: ChangeEvent['kind']): readonly (readonly string[])[] {
  switch (kind) {
    case 'collection':
    case 'item':
      return [['collections']]
    case 'environment':
      return [['environments']]
    case 'presence':
      return [presenceKeys.all]
    case 'mock':
      return [['mocks']]
    case 'capture':
      return [['history']]
    case 'files':
      return [['workspace-files']]
  }
}

/** Who made a change, as a tab's note says it. */
export function changedBy(event: Pick<ChangeEvent, 'by'>): string {
  if (event.by.userId === FILES_ACTOR.userId) return 'Changed in the workspace files'
  return event.by.userId === 'local' ? 'Changed in another tab' : `Changed by ${event.by.name}`
}

/** Up to two initials of a name: "Ann Lee" → "AL". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean)
  const letters = words.length > 1 ? [words[0]![0], words[words.length - 1]![0]] : [...(words[0] ?? '?')].slice(0, 2)
  return letters.join('').toUpperCase()
}
