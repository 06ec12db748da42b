/** The values a script sees and changes; values are what Postman keeps (usually strings). */
export type VariableScope = Record<string, unknown>

export interface ScriptVariables {
  environment?: VariableScope
  collectionVariables?: VariableScope
  globals?: VariableScope
  iterationData?: VariableScope
  /** pm.variables.set: this request only. */
  local?: VariableScope
}

export interface ScriptHeader {
  key: string
  value: string
  disabled?: boolean
}

export interface ScriptBody {
  mode: string
  raw?: string
  urlencoded?: { key: string; value: string }[]
}

export interface ScriptRequest {
  id?: string
  name?: string
  method: string
  url: string
  headers?: ScriptHeader[]
  body?: ScriptBody
}

export interface ScriptResponse {
  code: number
  status?: string
  headers?: { key: string; value: string }[]
  body: string
  /** Milliseconds. */
  responseTime?: number
  /** Bytes of the body. */
  size?: number
}

export interface ScriptInfo {
  requestName?: string
  requestId?: string
  iteration?: number
  iterationCount?: number
}

export interface ScriptLimits {
  /** Wall time for the whole run, pm.sendRequest and timers included. */
  timeMs: number
  /** Heap the script may allocate on top of the sandbox's own. */
  memoryBytes: number
}

export interface RunScriptInput {
  code: string
  kind: 'prerequest' | 'test'
  request: ScriptRequest
  response?: ScriptResponse
  variables?: ScriptVariables
  info?: ScriptInfo
  limits?: Partial<ScriptLimits>
  /** pm.sendRequest goes through this only (the server passes performSend with the destination policy). */
  sendRequest?: (request: Required<Pick<ScriptRequest, 'method' | 'url'>> & ScriptRequest) => Promise<ScriptResponse>
}

export interface ScriptTestResult {
  name: string
  passed: boolean
  skipped?: boolean
  error?: string
}

export interface ScopeChanges {
  set: Record<string, unknown>
  unset: string[]
}

export type VariableChanges = Record<'environment' | 'collectionVariables' | 'globals' | 'local', ScopeChanges>

export interface ScriptConsoleEntry {
  level: 'log' | 'info' | 'warn' | 'error' | 'debug'
  args: unknown[]
}

export interface ScriptError {
  /** limit-time, limit-memory, syntax, runtime. */
  kind: 'limit-time' | 'limit-memory' | 'syntax' | 'runtime'
  message: string
  /** 1-based, in the script's own text; absent when the engine gave no position. */
  line?: number
  column?: number
}

export interface RunScriptResult {
  tests: ScriptTestResult[]
  variableChanges: VariableChanges
  /** Every scope as the script left it. */
  variables: Required<ScriptVariables>
  console: ScriptConsoleEntry[]
  error?: ScriptError
  /** undefined: not set; null: stop the run (setNextRequest(null)). */
  nextRequest?: string | null
  skipRequest: boolean
  visualizer?: { template: string; data: unknown; options?: unknown }
  /** The request as a pre-request script left it (headers, URL, body). */
  request?: ScriptRequest
}
