export { LiveBar } from './LiveBar'
export { useRemoteChanges, type ChangedTab } from './use-remote-changes'
export { usePresence } from './use-presence'
