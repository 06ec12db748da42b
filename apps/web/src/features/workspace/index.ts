export { TabBar } from './TabBar'
export { tabLabel } from './tab-label'
export { useWorkspace } from './use-workspace'
export { newTabId, type OpenTab, type OpenRequest, type Workspace, type WorkspaceAction } from './workspace-reducer'
