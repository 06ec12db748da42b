export { EnvironmentPicker } from './EnvironmentPicker'
export { EnvironmentsDialog } from './EnvironmentsDialog'
export { environmentsOptions } from './environment-queries'
export { useInheritChain, useScopes } from './use-scopes'
