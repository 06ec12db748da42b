export { ConflictDialog, type Choice } from './ConflictDialog'
export { VersionsDialog, type VersionsTarget } from './VersionsDialog'
export { TrashPanel } from './TrashPanel'
export { trashKeys } from './version-queries'
