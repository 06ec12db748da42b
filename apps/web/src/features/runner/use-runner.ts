import { useCallback, useMemo, useState } from 'react'
import type { RunnerView, RunTarget } from './run-target'

/** Whether the runner is shown in place of the editor, and which of its screens. */
export function useRunner() {
  const [view, setView] = useState<RunnerView | null>(null)
  const setup = useCallback((target: RunTarget) => setView({ kind: 'setup', target }), [])
  const showRuns = useCallback(() => setView({ kind: 'runs' }), [])
  const close = useCallback(() => setView(null), [])
  return useMemo(() => ({ view, setView, setup, showRuns, close }), [view, setup, showRuns, close])
}

export type Runner = ReturnType<typeof useRunner>
