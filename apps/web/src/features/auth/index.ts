export { AuthPanel, type InheritedAuth } from './AuthPanel'
export { AuthEnvironmentContext } from './auth-environment'
export { authSummary, effectiveAuth } from './auth-summary'
