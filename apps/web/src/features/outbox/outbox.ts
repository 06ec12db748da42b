import type { RequestSpec } from '@courier/shared'
import { dropChange, dropSettings, keepChange, parseKept, type KeptSave, type KeptSettings } from './kept-changes'

type Listener = () => void

/**
 * The kept changes of one server, person and workspace, in the browser's localStorage: they
 * outlive a reload, a sign-in and a closed tab. Every write goes straight to storage, and other
 * tabs of the same browser hear of it (the `storage` event), so each tab shows the same count.
 */
export class Outbox {
  private list: KeptSave[]
  private readonly listeners = new Set<Listener>()

  constructor(
    readonly key: string,
    private readonly storage: Storage = localStorage,
  ) {
    this.list = parseKept(this.read())
  }

  private read(): string | null {
    try {
      return this.storage.getItem(this.key)
    } catch {
      return null
    }
  }

  private write(next: KeptSave[]) {
    this.list = next
    try {
      if (next.length === 0) this.storage.removeItem(this.key)
      else this.storage.setItem(this.key, JSON.stringify(next))
    } catch {
      /* storage full or refused: the change is still held by this page and in its editor */
    }
    this.emit()
  }

  private emit() {
    for (const listener of this.listeners) listener()
  }

  readonly subscribe = (listener: Listener) => {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  readonly get = (): readonly KeptSave[] => this.list

  keep(change: KeptSave) {
    this.write(keepChange(parseKept(this.read()), change))
  }

  /** The server answered for this request's replayed `spec`: it is no longer kept here. */
  drop(itemId: string, spec?: RequestSpec) {
    this.write(dropChange(parseKept(this.read()), itemId, spec))
  }

  /** The server answered for this settings save (`patch`: the one replayed; a newer one stays). */
  dropSettings(target: { kind: KeptSettings['kind']; itemId: string }, patch?: unknown) {
    this.write(dropSettings(parseKept(this.read()), target, patch))
  }

  /** Another tab changed storage: read it again. */
  reload() {
    this.list = parseKept(this.read())
    this.emit()
  }
}
