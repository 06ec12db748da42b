/** Light, dark or the system's: chosen in Settings, kept in this browser, applied as <html data-theme>. */
export type ThemeChoice = 'light' | 'dark' | 'system'

const KEY = 'courier.theme'
const media = () => window.matchMedia('(prefers-color-scheme: dark)')
const listeners = new Set<() => void>()

export function themeChoice(): ThemeChoice {
  try {
    const stored = localStorage.getItem(KEY)
    return stored === 'light' || stored === 'dark' ? stored : 'system'
  } catch {
    return 'system' // storage blocked: follow the system
  }
}

/** The scheme in force: the choice, or for "system" what prefers-color-scheme says now. */
export function resolvedTheme(): 'light' | 'dark' {
  const choice = themeChoice()
  if (choice !== 'system') return choice
  return media().matches ? 'dark' : 'light'
}

function apply() {
  const scheme = resolvedTheme()
  document.documentElement.dataset.theme = scheme
  document.documentElement.style.colorScheme = scheme
  for (const listener of listeners) listener()
}

export function setThemeChoice(choice: ThemeChoice): void {
  try {
    if (choice === 'system') localStorage.removeItem(KEY)
    else localStorage.setItem(KEY, choice)
  } catch {
    // Not persisted (storage blocked); still applied for this page.
  }
  apply()
}

/** Applies the stored choice before first paint and follows the system (and other tabs) from then on. */
export function startTheme(): void {
  apply()
  media().addEventListener('change', apply)
  window.addEventListener('storage', (event) => {
    if (event.key === KEY) apply()
  })
}

export function subscribeTheme(onChange: () => void): () => void {
  listeners.add(onChange)
  return () => listeners.delete(onChange)
}
