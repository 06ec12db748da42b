import { AppSettingsSchema, type AppSettings } from '@courier/shared'
import type { SettingsStore } from './store.js'

const KEY = 'app'

/** The Settings page's values, read once and kept in memory; every send reads them from here. */
export class AppSettingsService {
  private current: Promise<AppSettings> | undefined

  constructor(private readonly store: SettingsStore) {}

  get(): Promise<AppSettings> {
    this.current ??= this.store.get<unknown>(KEY).then((stored) => {
      // A stored value from an older version is completed with today's defaults.
      const parsed = AppSettingsSchema.safeParse(stored ?? {})
      return parsed.success ? parsed.data : AppSettingsSchema.parse({})
    })
    return this.current
  }

  async put(settings: AppSettings): Promise<AppSettings> {
    await this.store.put(KEY, settings)
    this.current = Promise.resolve(settings)
    return settings
  }
}
