let requested = false

/**
 * Loads Monaco's chunk once the page is idle. Evaluating it is a ~350 ms main-thread task;
 * paying it before any response arrives keeps it out of the first Pretty view.
 */
export function preloadEditorWhenIdle(): void {
  if (requested || typeof window === 'undefined') return
  requested = true
  const load = () => void import('../../shared/code-editor/MonacoEditor').catch(() => {})
  if ('requestIdleCallback' in window) window.requestIdleCallback(load, { timeout: 5000 })
  else setTimeout(load, 2000)
}
