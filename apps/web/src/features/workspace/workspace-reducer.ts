import { newRequestSpec, syncSpecParams, type RequestSpec, type Tab, type WorkspaceState } from '@courier/shared'
import { draftReducer, type Draft, type DraftAction } from '../request-editor'
import { closeTabs } from './close-tabs'
import { pathTitle } from './tab-label'

/** An open tab as the editor holds it: the persisted fields plus the live draft. */
export type OpenTab = Omit<Tab, 'draft'> & { draft: Draft }

export type Workspace = {
  tabs: OpenTab[]
  activeTabId: string | null
  environmentId: string | null
  /** Recently closed tabs with their drafts, newest first. */
  closedTabs: Tab[]
  loaded: boolean
}

export type OpenRequest = {
  itemId: string | null
  title: string
  spec: RequestSpec
  baseVersion: number | null
  responseId?: string | null
}

export type WorkspaceAction =
  | { type: 'restore'; state: WorkspaceState }
  | { type: 'open'; request: OpenRequest; newTab?: boolean }
  | { type: 'new-tab' }
  | { type: 'close'; tabId: string }
  | { type: 'close-many'; tabIds: string[] }
  /** Brings back the most recently closed tab, draft and all. */
  | { type: 'reopen-closed' }
  | { type: 'activate'; tabId: string }
  | { type: 'edit'; tabId: string; action: DraftAction }
  /** `keepsEdits`: the tab holds edits newer than what was saved (typed after a kept save), so it stays unsaved. */
  | { type: 'saved'; tabId: string; itemId: string; version: number; title: string; keepsEdits?: boolean }
  /** A rename from this window: the name changed, not the request, so the tab follows the new version. */
  | { type: 'item-renamed'; itemId: string; title: string; fromVersion: number; toVersion: number }
  | { type: 'item-removed'; itemIds: string[] }
  /** A newer version was saved elsewhere: tabs of it without edits follow it; a tab with edits keeps them. */
  | { type: 'item-updated'; itemId: string; version: number; title: string; spec: RequestSpec }
  | { type: 'responded'; tabId: string; responseId: string | null }
  | { type: 'set-environment'; environmentId: string | null }
  | { type: 'reorder'; tabId: string; toIndex: number }
  /**
   * A save kept in the browser (offline, signed out) is shown again after a reload: the request's
   * tab (opened if it is not) holds the kept edit, on the version it was made on, unsaved.
   */
  | { type: 'restore-kept'; request: OpenRequest & { itemId: string; baseVersion: number } }

let counter = 0
export function newTabId(): string {
  counter += 1
  return `tab-${Date.now().toString(36)}-${counter.toString(36)}`
}

function draftOf(spec: RequestSpec, documentKey = 0): Draft {
  return { spec: syncSpecParams(spec), bodyCache: {}, documentKey }
}

function titleOf(spec: RequestSpec): string {
  return pathTitle(spec.url) || 'New request'
}

export function blankTab(): OpenTab {
  return {
    id: newTabId(),
    title: 'New request',
    itemId: null,
    baseVersion: null,
    draft: draftOf(newRequestSpec()),
    isDirty: false,
    responseId: null,
  }
}

export const initialWorkspace: Workspace = {
  tabs: [],
  activeTabId: null,
  environmentId: null,
  closedTabs: [],
  loaded: false,
}

/** Tabs, drafts and the active environment: pure, so restoring and editing are testable. */
export function workspaceReducer(state: Workspace, action: WorkspaceAction): Workspace {
  const update = (tabId: string, change: (tab: OpenTab) => OpenTab): Workspace => ({
    ...state,
    tabs: state.tabs.map((tab) => (tab.id === tabId ? change(tab) : tab)),
  })
  switch (action.type) {
    case 'restore': {
      const tabs = action.state.tabs.map((tab): OpenTab => ({ ...tab, draft: draftOf(tab.draft) }))
      const ensured = tabs.length > 0 ? tabs : [blankTab()]
      const active = ensured.some((tab) => tab.id === action.state.activeTabId)
        ? action.state.activeTabId
        : ensured[0]!.id
      return {
        tabs: ensured,
        activeTabId: active,
        environmentId: action.state.environmentId,
        closedTabs: action.state.closedTabs ?? [],
        loaded: true,
      }
    }
    case 'open': {
      const { request } = action
      const existing = request.itemId ? state.tabs.find((tab) => tab.itemId === request.itemId) : undefined
      if (existing) return { ...state, activeTabId: existing.id }
      const active = state.tabs.find((tab) => tab.id === state.activeTabId)
      const fresh: OpenTab = {
        id: newTabId(),
        title: request.title,
        itemId: request.itemId,
        baseVersion: request.baseVersion,
        draft: draftOf(request.spec, (active?.draft.documentKey ?? 0) + 1),
        isDirty: request.itemId === null,
        responseId: request.responseId ?? null,
      }
      // An untouched scratch tab is reused instead of piling up tabs.
      if (!action.newTab && active && active.itemId === null && !active.isDirty && active.draft.spec.url === '') {
        return { ...state, tabs: state.tabs.map((tab) => (tab.id === active.id ? fresh : tab)), activeTabId: fresh.id }
      }
      return { ...state, tabs: [...state.tabs, fresh], activeTabId: fresh.id }
    }
    case 'new-tab': {
      const tab = blankTab()
      return { ...state, tabs: [...state.tabs, tab], activeTabId: tab.id }
    }
    case 'close':
      return closeTabs(state, [action.tabId], blankTab)
    case 'close-many':
      return closeTabs(state, action.tabIds, blankTab)
    case 'reopen-closed': {
      const [last, ...closedTabs] = state.closedTabs
      if (!last) return state
      const open = last.itemId ? state.tabs.find((tab) => tab.itemId === last.itemId) : undefined
      if (open) return { ...state, closedTabs, activeTabId: open.id }
      const id = state.tabs.some((tab) => tab.id === last.id) ? newTabId() : last.id
      const tab: OpenTab = { ...last, id, draft: draftOf(last.draft) }
      return { ...state, tabs: [...state.tabs, tab], activeTabId: id, closedTabs }
    }
    case 'activate':
      return state.tabs.some((tab) => tab.id === action.tabId) ? { ...state, activeTabId: action.tabId } : state
    case 'edit':
      return update(action.tabId, (tab) => {
        const draft = draftReducer(tab.draft, action.action)
        if (draft === tab.draft) return tab
        const title = tab.itemId === null ? titleOf(draft.spec) : tab.title
        return { ...tab, draft, isDirty: action.action.type === 'load' ? tab.isDirty : true, title }
      })
    case 'restore-kept': {
      const { request } = action
      const existing = state.tabs.find((tab) => tab.itemId === request.itemId)
      const documentKey = Math.max(0, ...state.tabs.map((tab) => tab.draft.documentKey)) + 1
      const kept: OpenTab = {
        id: existing?.id ?? newTabId(),
        title: request.title,
        itemId: request.itemId,
        baseVersion: request.baseVersion,
        draft: draftOf(request.spec, documentKey),
        isDirty: true,
        responseId: existing?.responseId ?? null,
      }
      if (existing) return update(existing.id, () => kept)
      return { ...state, tabs: [...state.tabs, kept], activeTabId: state.activeTabId ?? kept.id }
    }
    case 'saved':
      return update(action.tabId, (tab) => ({
        ...tab,
        itemId: action.itemId,
        baseVersion: action.version,
        title: action.title,
        isDirty: action.keepsEdits ?? false,
      }))
    case 'item-renamed':
      return {
        ...state,
        tabs: state.tabs.map((tab) =>
          tab.itemId === action.itemId
            ? {
                ...tab,
                title: action.title,
                baseVersion: tab.baseVersion === action.fromVersion ? action.toVersion : tab.baseVersion,
              }
            : tab,
        ),
      }
    case 'item-removed':
      // The saved request is gone; its tab stays open as an unsaved draft so nothing typed is lost.
      return {
        ...state,
        tabs: state.tabs.map((tab) =>
          tab.itemId && action.itemIds.includes(tab.itemId)
            ? { ...tab, itemId: null, baseVersion: null, isDirty: true }
            : tab,
        ),
      }
    case 'item-updated':
      return {
        ...state,
        tabs: state.tabs.map((tab) =>
          tab.itemId === action.itemId && !tab.isDirty && tab.baseVersion !== null && tab.baseVersion < action.version
            ? {
                ...tab,
                title: action.title,
                baseVersion: action.version,
                draft: draftOf(action.spec, tab.draft.documentKey + 1),
              }
            : tab,
        ),
      }
    case 'responded':
      return update(action.tabId, (tab) => ({ ...tab, responseId: action.responseId }))
    case 'set-environment':
      return { ...state, environmentId: action.environmentId }
    case 'reorder': {
      const tab = state.tabs.find((t) => t.id === action.tabId)
      if (!tab) return state
      const rest = state.tabs.filter((t) => t.id !== action.tabId)
      rest.splice(Math.max(0, Math.min(action.toIndex, rest.length)), 0, tab)
      return { ...state, tabs: rest }
    }
  }
}

/** What goes to the server: the drafts' specs, not the editor's caches. */
export function toWorkspaceState(state: Workspace): WorkspaceState {
  return {
    tabs: state.tabs.map(({ draft, ...tab }) => ({ ...tab, draft: draft.spec })),
    activeTabId: state.activeTabId,
    environmentId: state.environmentId,
    closedTabs: state.closedTabs,
  }
}
