export { RunnerPanel } from './RunnerPanel'
export { useRunner, type Runner } from './use-runner'
export type { RunTarget, RunnerView } from './run-target'
