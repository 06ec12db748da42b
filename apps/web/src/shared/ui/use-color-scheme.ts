import { useSyncExternalStore } from 'react'
import { resolvedTheme, subscribeTheme, themeChoice, type ThemeChoice } from './theme'

/** The scheme in force (the Settings choice, or the system's when that is "system"), live. */
export function useColorScheme(): 'light' | 'dark' {
  return useSyncExternalStore(subscribeTheme, resolvedTheme, () => 'light')
}

/** What Settings shows as chosen: light, dark or system. */
export function useThemeChoice(): ThemeChoice {
  return useSyncExternalStore(subscribeTheme, themeChoice, () => 'system')
}
