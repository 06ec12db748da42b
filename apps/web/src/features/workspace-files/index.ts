export { GitButton } from './GitButton'
export { GitView } from './GitView'
export { WorkspaceFolderSection } from './WorkspaceFolderSection'
export { useWorkspaceFiles, workspaceFilesKey } from './workspace-files-queries'
