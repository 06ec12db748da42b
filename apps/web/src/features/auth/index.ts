export { AuthPanel } from './AuthPanel'
export { AuthEnvironmentContext } from './auth-environment'
export { authSummary, effectiveAuth } from './auth-summary'
export { InheritedAuthContext, type InheritedAuth } from './inherited-auth'
