import type { ChangeEvent } from '@courier/shared'
import type { BusListener } from '../ports/change-bus.js'

/** The subscribers of one instance, by workspace: what both bus implementations deliver to. */
export class BusListeners {
  private readonly byWorkspace = new Map<string, Set<BusListener>>()

  subscribe(workspaceId: string, listener: BusListener): () => void {
    let set = this.byWorkspace.get(workspaceId)
    if (!set) this.byWorkspace.set(workspaceId, (set = new Set()))
    set.add(listener)
    return () => {
      set.delete(listener)
      if (set.size === 0 && this.byWorkspace.get(workspaceId) === set) this.byWorkspace.delete(workspaceId)
    }
  }

  /** Only the subscribers of the event's own workspace hear it; one that throws does not stop the others. */
  deliver(event: ChangeEvent): void {
    for (const listener of [...(this.byWorkspace.get(event.workspaceId) ?? [])]) {
      try {
        listener({ type: 'change', event })
      } catch {
        /* a subscriber's failure is its own */
      }
    }
  }

  /** Tells every subscriber that events may have been missed. */
  resyncAll(): void {
    for (const set of this.byWorkspace.values())
      for (const listener of [...set]) {
        try {
          listener({ type: 'resync' })
        } catch {
          /* a subscriber's failure is its own */
        }
      }
  }

  /** How many subscribers there are (memory per connection is one listener). */
  get size(): number {
    let count = 0
    for (const set of this.byWorkspace.values()) count += set.size
    return count
  }
}
