import { AppSettingsSchema, type AppSettings } from '@courier/shared'
import { engineSettingsFrom, type EngineSettings } from '../engine/settings.js'
import type { SettingsStore } from '../storage/store.js'

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

  /** The send defaults as the engine takes them: what every send, import fetch and OAuth request starts from. */
  async engineSettings(): Promise<EngineSettings> {
    return engineSettingsFrom((await this.get()).send)
  }

  async put(settings: AppSettings): Promise<AppSettings> {
    await this.store.put(KEY, settings)
    this.current = Promise.resolve(settings)
    return settings
  }
}
