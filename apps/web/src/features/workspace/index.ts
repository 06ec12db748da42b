export { TabBar } from './TabBar'
export { pathTitle, tabLabel } from './tab-label'
export { useWorkspace } from './use-workspace'
export { newTabId, type OpenTab, type OpenRequest, type Workspace, type WorkspaceAction } from './workspace-reducer'
