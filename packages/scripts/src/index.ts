export { runScript, warmSandbox, DEFAULT_LIMITS } from './run-script.js'
export type * from './types.js'
