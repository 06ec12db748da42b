export { TabBar } from './TabBar'
export { useWorkspace } from './use-workspace'
export { newTabId, type OpenTab, type OpenRequest, type Workspace, type WorkspaceAction } from './workspace-reducer'
