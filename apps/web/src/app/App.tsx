import {
  emptyRequestSpec,
  endpoints,
  inheritedAuth,
  paramsFromUrl,
  type Removed,
  type RequestSpec,
  type SavedRequestItem,
} from '@courier/shared'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useMemo, useState } from 'react'
import {
  CollectionsTree,
  MoveDialog,
  SaveRequestDialog,
  useRestore,
  type SettingsTarget,
  type TreeNode,
} from '../features/collections'
import { CaptureView } from '../features/capture'
import { CommandPalette } from '../features/command-palette'
import { EnvironmentsDialog, useInheritChain, useScopes } from '../features/environments'
import { HistoryList, historyEntryOptions, historyKeys } from '../features/history'
import { LiveBar, usePresence, useRemoteChanges } from '../features/live'
import { MocksView } from '../features/mocks'
import { EditorActionsContext, useImportExport } from '../features/import-export'
import { RequestEditor } from '../features/request-editor'
import { keepSessionsOf, REQUEST_KINDS, RealtimeView, realtimeFor, useRealtimeControls } from '../features/realtime'
import { RunnerPanel, useRunner } from '../features/runner'
import { ResponseViewer } from '../features/response-viewer'
import { appSettingsOptions, SettingsDialog } from '../features/settings'
import { useWorkspace, type OpenTab } from '../features/workspace'
import { GitView } from '../features/workspace-files'
import { callEndpoint } from '../shared/api/proxy-client'
import { ErrorBoundary } from '../shared/ui/ErrorBoundary'
import { Splitter } from '../shared/ui/Splitter'
import { Toast, type ToastMessage } from '../shared/ui/Toast'
import { CollectionSettings } from './CollectionSettings'
import { EditorTabs } from './EditorTabs'
import { EditorContext } from './EditorContext'
import { FailureNotice } from './FailureNotice'
import { meOptions, useTeamUi } from '../features/team'
import { OutboxBanner, OutboxContext, outboxKey, useOutbox, useShownKept } from '../features/outbox'
import { currentWorkspace } from '../shared/api/current-workspace'
import { TrashPanel, VersionsDialog, type VersionsTarget } from '../features/versions'
import { TabConflictDialog } from './TabConflictDialog'
import { Sidebar } from './Sidebar'
import { StaleSessionBanner } from './StaleSessionBanner'
import { Topbar, type TopbarView } from './Topbar'
import { useCloseTabs } from './use-close-tabs'
import { useOpenHistory } from './use-open-history'
import { useOutboxReplay } from './use-outbox-replay'
import { usePaletteCommands } from './use-palette-commands'
import { useSaveTab } from './use-save-tab'
import { freshExampleName } from '../features/examples'
import { StorageBanner } from './StorageBanner'
import { useShortcuts } from './use-shortcuts'
import { useSidebarLayout } from './use-sidebar-layout'
import { useTabResponses } from './use-tab-responses'
import { withOpener } from './with-opener'

/** The shell: sidebar (collections, history), tabs, request editor above, response below. */
/** The palette's New WebSocket / Socket.IO / Server-sent events / GraphQL subscription request. */
const newRealtimeRequests = REQUEST_KINDS.filter((k) => k.kind !== 'http') as {
  label: string
  kind: Exclude<(typeof REQUEST_KINDS)[number]['kind'], 'http'>
}[]

export function App() {
  const me = useQuery(meOptions())
  const keepKey = me.data
    ? outboxKey(window.location.origin, me.data.actor.userId, me.data.team ? currentWorkspace() : null)
    : me.isError
      ? null
      : undefined
  const { workspace, dispatch } = useWorkspace(keepKey)
  const sidebar = useSidebarLayout()
  // The runner takes the editor's place (tabs, request, response): its steps table wants the width.
  const runner = useRunner()
  const [editorShare, setEditorShare] = useState(0.45)
  const [dialog, setDialog] = useState<'settings' | 'environments' | 'palette' | 'members' | null>(null)
  // Capture, Mocks and Git, like the runner, take the editor's place.
  const [view, setView] = useState<TopbarView>(null)
  const [settingsTarget, setSettingsTarget] = useState<SettingsTarget | null>(null)
  const [moving, setMoving] = useState<TreeNode | null>(null)
  const [savingHistory, setSavingHistory] = useState<{ request: RequestSpec; name: string } | null>(null)
  const [toast, setToast] = useState<ToastMessage | null>(null)
  const { outbox, kept } = useOutbox(keepKey ?? null)
  const shownKept = useShownKept(keepKey, kept)
  const saving = useSaveTab(dispatch, sidebar.reveal, (text) => setToast({ id: Date.now(), text }), outbox)
  const outboxShared = useMemo(() => ({ outbox, kept }), [outbox, kept])
  const outboxReplay = useOutboxReplay(outbox, kept, workspace, dispatch, saving)
  const [versionsTarget, setVersionsTarget] = useState<VersionsTarget | null>(null)
  const closing = useCloseTabs(workspace, dispatch, saving)
  const restore = useRestore()
  const queryClient = useQueryClient()
  const info = useQuery({
    queryKey: ['info'],
    queryFn: ({ signal }) => callEndpoint(endpoints.info, {}, signal),
    staleTime: Infinity,
  })
  const settings = useQuery(appSettingsOptions())

  const active: OpenTab | undefined = workspace.tabs.find((tab) => tab.id === workspace.activeTabId)
  const scopes = useScopes(workspace.environmentId, active?.itemId ?? null)
  // What a saved request's collection and folders lend its Auth tab (null: they set none).
  const chain = useInheritChain(active?.itemId ?? null)
  const inherited = active?.itemId ? withOpener(inheritedAuth(chain), setSettingsTarget) : undefined
  const { response, setResponse, doSend, isSending, cancel } = useTabResponses(
    active,
    workspace.environmentId,
    dispatch,
  )

  // A closed tab's session ends (kept in history) and its frames are let go.
  const openTabIds = workspace.tabs.map((tab) => tab.id).join(' ')
  useEffect(() => keepSessionsOf(openTabIds.split(' ')), [openTabIds])

  const realtime = useRealtimeControls(
    active,
    workspace.environmentId,
    (tabId, spec) => dispatch({ type: 'edit', tabId, action: { type: 'set-realtime', realtime: spec } }),
    (tabId, historyId) => {
      dispatch({ type: 'responded', tabId, responseId: historyId })
      void queryClient.invalidateQueries({ queryKey: historyKeys.all })
    },
  )
  // Ctrl+Enter and Send: a realtime request connects instead (its composer sends messages).
  const sendOrConnect = () => {
    if (!realtime.isRealtime) doSend()
    else if (realtime.status !== 'open' && realtime.status !== 'connecting') realtime.connect()
  }

  const live = useRemoteChanges(workspace, dispatch)
  const changedHere = live.changed.find((change) => change.tabId === active?.id) ?? null
  const viewers = usePresence(active?.itemId ?? null)

  const openSaved = useCallback(
    (item: SavedRequestItem, newTab = false) =>
      dispatch({
        type: 'open',
        newTab,
        request: { itemId: item.id, title: item.name, spec: item.request, baseVersion: item.version },
      }),
    [dispatch],
  )

  const notify = useCallback((text: string) => setToast({ id: Date.now(), text }), [])
  const team = useTeamUi(notify, { open: dialog === 'members', onClose: () => setDialog(null) })
  const importExport = useImportExport({
    request: active?.draft.spec ?? null,
    environmentId: workspace.environmentId,
    itemId: active?.itemId ?? null,
    loadRequest: useCallback(
      (spec: RequestSpec) => active && dispatch({ type: 'edit', tabId: active.id, action: { type: 'load', spec } }),
      [active, dispatch],
    ),
    openRequest: openSaved,
    showCollections: sidebar.show.bind(null, 'collections'),
    notify,
  })
  const openHistory = useOpenHistory(dispatch, active, setResponse)
  const onRemoved = useCallback(
    (removed: Removed, label: string) => {
      dispatch({ type: 'item-removed', itemIds: removed.items.map((item) => item.id) })
      setToast({
        id: Date.now(),
        text: `Deleted ${label}.`,
        action: { label: 'Undo', run: () => restore.mutate(removed) },
      })
    },
    [dispatch, restore],
  )

  useShortcuts({
    send: sendOrConnect,
    save: () => active && void saving.save(active),
    openPalette: () => setDialog('palette'),
    newTab: () => dispatch({ type: 'new-tab' }),
    toggleSidebar: sidebar.toggle,
    reopenTab: () => dispatch({ type: 'reopen-closed' }),
  })

  const commands = usePaletteCommands({
    open: dialog === 'palette',
    actions: [
      { label: 'New request', detail: 'Ctrl+Alt+N', run: () => dispatch({ type: 'new-tab' }) },
      ...newRealtimeRequests.map(({ label, kind }) => ({
        label: `New ${label} request`,
        run: () =>
          dispatch({
            type: 'open',
            newTab: true,
            request: {
              itemId: null,
              title: `New ${label} request`,
              spec: { ...emptyRequestSpec(), realtime: realtimeFor(kind, undefined) },
              baseVersion: null,
            },
          }),
      })),
      { label: 'Reopen closed tab', detail: 'Ctrl+Shift+T', run: () => dispatch({ type: 'reopen-closed' }) },
      { label: 'Save request', detail: 'Ctrl+S', run: () => active && void saving.save(active) },
      { label: 'Send request', detail: 'Ctrl+Enter', run: sendOrConnect },
      { label: 'Manage environments', run: () => setDialog('environments') },
      { label: 'Settings', run: () => setDialog('settings') },
      { label: 'Show history', run: () => sidebar.show('history') },
      { label: 'Show collections', run: () => sidebar.show('collections') },
      { label: 'Toggle sidebar', detail: 'Ctrl+\\', run: sidebar.toggle },
      { label: 'Import…', detail: 'Postman, OpenAPI, HAR, Insomnia, cURL', run: importExport.openImport },
      { label: 'Export workspace…', run: () => importExport.openExport({ kind: 'workspace' }) },
      { label: 'Copy request as code…', run: importExport.openCode },
      { label: 'Show kept runs', detail: 'Runner', run: runner.showRuns },
      { label: 'Capture', detail: 'Mounts and captured exchanges', run: () => setView('capture') },
      { label: 'Mocks', detail: 'Mock servers', run: () => setView('mocks') },
      { label: 'Git', detail: 'Workspace files: status, commit, pull, push', run: () => setView('git') },
    ],
    openRequest: openSaved,
    useEnvironment: (id) => dispatch({ type: 'set-environment', environmentId: id }),
    openHistory: (entry) => void openHistory(entry),
    runCollection: (collection) => runner.setup({ collectionId: collection.id, name: collection.name }),
  })

  return (
    <OutboxContext.Provider value={outboxShared}>
      <div className="app">
        <Topbar
          environmentId={workspace.environmentId}
          onEnvironment={(environmentId) => dispatch({ type: 'set-environment', environmentId })}
          version={info.data?.version}
          onOpen={setDialog}
          view={runner.view ? null : view}
          onView={(next) => {
            runner.close()
            setView(next)
          }}
        />
        <StorageBanner integrity={info.data?.integrity} />
        <OutboxBanner kept={shownKept} signInHref={me.data?.team ? '/sign-in' : null} onRetry={outboxReplay.retry} />
        {/* On a team server the outbox's banner has the sign-in link; single-user Courier still says how to get one. */}
        {kept.length === 0 || !me.data?.team ? <StaleSessionBanner team={me.data?.team ?? false} /> : null}
        <div className="workspace" style={{ gridTemplateColumns: sidebar.columns }}>
          <Sidebar
            layout={sidebar}
            collections={
              <ErrorBoundary area="collections">
                <CollectionsTree
                  activeItemId={active?.itemId ?? null}
                  onOpenRequest={openSaved}
                  onOpenSettings={setSettingsTarget}
                  onMoveRequest={setMoving}
                  onShowVersions={setVersionsTarget}
                  onRemoved={onRemoved}
                  onRenamed={(itemId, title, fromVersion, toVersion) =>
                    dispatch({ type: 'item-renamed', itemId, title, fromVersion, toVersion })
                  }
                  onImport={importExport.openImport}
                  onExport={(target) => importExport.openExport({ kind: 'collection', ...target })}
                  onCopyToWorkspace={team.onCopyToWorkspace}
                  onRun={runner.setup}
                  expandId={importExport.expandId}
                  revealId={sidebar.revealed}
                />
              </ErrorBoundary>
            }
            history={
              <ErrorBoundary area="history">
                <HistoryList
                  selectedId={active?.responseId ?? null}
                  onOpen={(entry, newTab) => void openHistory(entry, newTab)}
                  onSave={(entry) =>
                    void queryClient.fetchQuery(historyEntryOptions(entry.id)).then((full) =>
                      setSavingHistory({
                        request: full.request,
                        name: `${entry.method} ${entry.url.replace(/^https?:\/\//, '')}`.slice(0, 80),
                      }),
                    )
                  }
                  onExport={(query, label) => importExport.openExport({ kind: 'history', query, label })}
                />
              </ErrorBoundary>
            }
            trash={
              <ErrorBoundary area="trash">
                <TrashPanel />
              </ErrorBoundary>
            }
          />
          <div className="editor-area">
            {runner.view ? (
              <ErrorBoundary area="runner">
                <RunnerPanel
                  view={runner.view}
                  onView={runner.setView}
                  onClose={runner.close}
                  environmentId={workspace.environmentId}
                  onOpenRequest={(item) => {
                    runner.close()
                    openSaved(item)
                  }}
                />
              </ErrorBoundary>
            ) : view === 'capture' ? (
              <ErrorBoundary area="capture">
                <CaptureView
                  environmentId={workspace.environmentId}
                  onClose={() => setView(null)}
                  onOpenInEditor={(summary) => {
                    setView(null)
                    void openHistory(summary, true)
                  }}
                />
              </ErrorBoundary>
            ) : view === 'mocks' ? (
              <ErrorBoundary area="mocks">
                <MocksView onClose={() => setView(null)} />
              </ErrorBoundary>
            ) : view === 'git' ? (
              <ErrorBoundary area="git">
                <GitView
                  onClose={() => setView(null)}
                  onOpenRequest={(item) => {
                    setView(null)
                    openSaved(item)
                  }}
                />
              </ErrorBoundary>
            ) : (
              <>
                <EditorTabs
                  workspace={workspace}
                  dispatch={dispatch}
                  saving={saving}
                  closing={closing}
                  reveal={sidebar.reveal}
                  notes={Object.fromEntries(live.changed.map((change) => [change.tabId, change.note]))}
                />
                <LiveBar
                  viewers={viewers}
                  changed={changedHere?.note ?? null}
                  onReload={() => active && live.reload(active)}
                  onKeep={() => active && changedHere && live.keep(active, changedHere.version)}
                />
                {/* Shares as whole-number fr: were they fractions summing to 1, a pane held at its minimum
              would leave the other a fraction of the rest and the splitter row the gap. */}
                <main
                  className="main"
                  style={{
                    gridTemplateRows: `minmax(200px, ${Math.round(editorShare * 1000)}fr) auto minmax(160px, ${Math.round((1 - editorShare) * 1000)}fr)`,
                  }}
                >
                  <ErrorBoundary area="request editor" resetKey={active?.id}>
                    {active ? (
                      <EditorContext scopes={scopes} environmentId={workspace.environmentId} inherited={inherited}>
                        <EditorActionsContext.Provider value={importExport.actions}>
                          <RequestEditor
                            key={active.id}
                            draft={active.draft}
                            dispatch={(action) => dispatch({ type: 'edit', tabId: active.id, action })}
                            isSending={isSending}
                            onSend={sendOrConnect}
                            onCancel={cancel}
                            version={info.data?.version ?? '…'}
                            session={{ status: realtime.status, onDisconnect: realtime.disconnect }}
                            onSubscribe={realtime.subscribe}
                          />
                        </EditorActionsContext.Provider>
                      </EditorContext>
                    ) : (
                      <section className="request-editor" aria-label="Request" />
                    )}
                  </ErrorBoundary>
                  <Splitter label="Resize request and response" value={editorShare} onChange={setEditorShare} />
                  <ErrorBoundary area="response" resetKey={response}>
                    {active?.draft.spec.realtime ? (
                      <RealtimeView
                        key={active.id}
                        tabId={active.id}
                        realtime={active.draft.spec.realtime}
                        responseId={active.responseId ?? null}
                        onRealtime={(spec) =>
                          dispatch({ type: 'edit', tabId: active.id, action: { type: 'set-realtime', realtime: spec } })
                        }
                      />
                    ) : (
                      <ResponseViewer
                        state={response}
                        largeBodyBytes={settings.data?.view.largeBodyBytes}
                        saveExample={
                          active
                            ? {
                                name: (record) => freshExampleName(record, active.draft.spec.examples),
                                onSave: (example) =>
                                  dispatch({
                                    type: 'edit',
                                    tabId: active.id,
                                    action: {
                                      type: 'set-examples',
                                      examples: [...active.draft.spec.examples, example],
                                    },
                                  }),
                              }
                            : undefined
                        }
                        onSendUrl={(url) => {
                          if (!active) return
                          // "Send next page": the tab follows the Link, so what is shown is what was sent.
                          dispatch({ type: 'edit', tabId: active.id, action: { type: 'set-url', url } })
                          doSend({ ...active.draft.spec, url, params: paramsFromUrl(url, []) })
                        }}
                      />
                    )}
                  </ErrorBoundary>
                </main>
              </>
            )}
          </div>
        </div>
        <SettingsDialog open={dialog === 'settings'} onClose={() => setDialog(null)} />
        <EnvironmentsDialog
          open={dialog === 'environments'}
          onClose={() => setDialog(null)}
          initialId={workspace.environmentId}
          onShowVersions={setVersionsTarget}
        />
        {team.dialogs}
        <CommandPalette open={dialog === 'palette'} commands={commands} onClose={() => setDialog(null)} />
        <CollectionSettings
          target={settingsTarget}
          onClose={() => setSettingsTarget(null)}
          environmentId={workspace.environmentId}
          onOpenSettings={setSettingsTarget}
        />
        <MoveDialog node={moving} onClose={() => setMoving(null)} />
        {importExport.dialogs}
        {savingHistory ? (
          <SaveRequestDialog
            open
            request={savingHistory.request}
            suggestedName={savingHistory.name}
            onClose={() => setSavingHistory(null)}
            onSaved={(item) => openSaved(item)}
          />
        ) : null}
        <TabConflictDialog saving={saving} />
        <VersionsDialog target={versionsTarget} onClose={() => setVersionsTarget(null)} />
        <Toast message={toast} onDismiss={() => setToast(null)} />
        <FailureNotice />
      </div>
    </OutboxContext.Provider>
  )
}
