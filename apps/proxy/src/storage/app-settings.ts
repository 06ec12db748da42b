import { AppSettingsSchema, type AppSettings } from '@courier/shared'
import type { SettingsStore } from './store.js'

const KEY = 'app'

/**
 * The Settings page's values; every send reads them. The settings store keeps them in memory and
 * drops them on a write by this or another instance (read-cache.ts), so a change made on one
 * instance of a team server applies to the next send on every instance.
 */
export class AppSettingsService {
  constructor(private readonly store: SettingsStore) {}

  async get(): Promise<AppSettings> {
    // A stored value from an older version is completed with today's defaults.
    const parsed = AppSettingsSchema.safeParse((await this.store.get<unknown>(KEY)) ?? {})
    return parsed.success ? parsed.data : AppSettingsSchema.parse({})
  }

  async put(settings: AppSettings): Promise<AppSettings> {
    await this.store.put(KEY, settings)
    return settings
  }
}
