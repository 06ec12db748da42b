import type { AppSettingsService } from '../storage/app-settings.js'
import type { BodyStore } from '../storage/body-store.js'
import type { Store } from '../storage/store.js'

const EVERY_MS = 60_000

export type RetentionServices = {
  settings: Pick<AppSettingsService, 'get'>
  store: Pick<Store, 'history'>
  bodies: Pick<BodyStore, 'remove'>
}

/** The Settings page's history retention, applied after sends at most once a minute; bodies go with their entries. */
export class Retention {
  private last = Number.NEGATIVE_INFINITY

  constructor(
    private readonly services: RetentionServices,
    private readonly now: () => number = Date.now,
  ) {}

  /** Prunes history now (`force`) or when a minute has passed since the last pass; answers how many entries went. */
  async apply(force = false): Promise<number> {
    const { history } = await this.services.settings.get()
    if (history.maxEntries === null && history.maxBytes === null && history.maxAgeDays === null) return 0
    if (!force && this.now() - this.last < EVERY_MS) return 0
    this.last = this.now()
    const removed = await this.services.store.history.prune(history)
    await Promise.all(removed.map((id) => this.services.bodies.remove(id)))
    return removed.length
  }
}
