import type { Dispatch } from 'react'
import { useId, useMemo, useState } from 'react'
import { Tabs, type TabItem } from '../../shared/ui/Tabs'
import { AuthPanel } from '../auth'
import { ExamplesPanel } from '../examples'
import { operationType, realtimeFor, requestKind, type SessionStatus } from '../realtime'
import { AssertionsPanel } from './assertions/AssertionsPanel'
import { enabledAssertions } from './assertions/assertion-rows'
import { BodyPanel } from './body/BodyPanel'
import { CapturesPanel } from './CapturesPanel'
import { CookiesPanel } from './CookiesPanel'
import type { Draft, DraftAction } from './draft-reducer'
import { HeadersPanel } from './HeadersPanel'
import { ParamsPanel } from './ParamsPanel'
import { ScriptsPanel } from '../../shared/script-editor/ScriptsPanel'
import { SettingsPanel } from './SettingsPanel'
import { UrlBar } from './UrlBar'
import './request-editor.css'

type RequestTab =
  'params' | 'headers' | 'body' | 'auth' | 'scripts' | 'assertions' | 'cookies' | 'settings' | 'capture' | 'examples'

type RequestEditorProps = {
  draft: Draft
  dispatch: Dispatch<DraftAction>
  isSending: boolean
  onSend: () => void
  onCancel: () => void
  version: string
  /** A realtime request's session (Connect/Disconnect) and GraphQL's Subscribe. */
  session?: { status: SessionStatus; onDisconnect: () => void }
  onSubscribe?: () => void
}

function enabledCount(rows: readonly (readonly [string, string, boolean])[]): number {
  return rows.filter(([name, , enabled]) => enabled && name.trim() !== '').length
}

/** Method + URL + Send, and the tabs that shape the request. */
export function RequestEditor(props: RequestEditorProps) {
  const { draft, dispatch, isSending, onSend, onCancel, version, session, onSubscribe } = props
  const [chosenTab, setTab] = useState<RequestTab>('params')
  const panelId = useId()
  const { spec } = draft
  const graphql = spec.body.kind === 'graphql' ? spec.body : null
  const subscription = useMemo(
    () => (graphql ? operationType(graphql.query, graphql.operationName) === 'subscription' : false),
    [graphql],
  )
  const changedSettings = Object.keys(spec.settings).length
  const allTabs: TabItem<RequestTab>[] = [
    { id: 'params', label: 'Params', badge: enabledCount(spec.params) + spec.pathParams.length },
    { id: 'headers', label: 'Headers', badge: enabledCount(spec.headers) },
    { id: 'body', label: 'Body', badge: spec.body.kind === 'none' ? undefined : '•' },
    { id: 'auth', label: 'Auth', badge: spec.auth.type === 'none' || spec.auth.type === 'inherit' ? undefined : '•' },
    {
      id: 'scripts',
      label: 'Scripts',
      badge: spec.scripts.preRequest.trim() || spec.scripts.test.trim() ? '•' : undefined,
    },
    { id: 'assertions', label: 'Assertions', badge: enabledAssertions(spec.assertions) || undefined },
    { id: 'cookies', label: 'Cookies', badge: spec.cookies.trim() ? '•' : undefined },
    { id: 'settings', label: 'Settings', badge: changedSettings || undefined },
    { id: 'capture', label: 'Capture', badge: spec.captures.filter((c) => c.enabled).length || undefined },
    { id: 'examples', label: 'Examples', badge: spec.examples.length || undefined },
  ]
  // A WebSocket or Socket.IO session has no request body: its messages are written in the composer.
  const bodiless = spec.realtime?.kind === 'websocket' || spec.realtime?.kind === 'socketio'
  const tabs = bodiless ? allTabs.filter((t) => t.id !== 'body') : allTabs
  const tab = tabs.some((t) => t.id === chosenTab) ? chosenTab : 'params'
  return (
    <section className="request-editor" aria-label="Request">
      <UrlBar
        method={spec.method}
        url={spec.url}
        pathParams={spec.pathParams}
        isSending={isSending}
        onMethod={(method) => dispatch({ type: 'set-method', method })}
        onUrl={(url) => dispatch({ type: 'set-url', url })}
        onSend={onSend}
        onCancel={onCancel}
        kind={requestKind(spec)}
        onKind={(kind) => dispatch({ type: 'set-realtime', realtime: realtimeFor(kind, spec.realtime) })}
        session={spec.realtime ? session : undefined}
        onSubscribe={subscription && !spec.realtime ? onSubscribe : undefined}
      />
      <Tabs<RequestTab> label="Request sections" selected={tab} onSelect={setTab} tabs={tabs} panelId={panelId} />
      <div
        className="request-editor__panel"
        id={panelId}
        role="tabpanel"
        aria-label={tabs.find((t) => t.id === tab)!.label}
      >
        {tab === 'params' ? (
          <ParamsPanel
            params={spec.params}
            pathParams={spec.pathParams}
            onParams={(params) => dispatch({ type: 'set-params', params })}
            onPathParams={(pathParams) => dispatch({ type: 'set-path-params', pathParams })}
          />
        ) : null}
        {tab === 'headers' ? (
          <HeadersPanel
            headers={spec.headers}
            body={spec.body}
            version={version}
            onHeaders={(headers) => dispatch({ type: 'set-headers', headers })}
          />
        ) : null}
        {tab === 'body' ? (
          <BodyPanel
            body={spec.body}
            spec={spec}
            documentKey={draft.documentKey}
            onKind={(kind) => dispatch({ type: 'set-body-kind', kind })}
            onBody={(body) => dispatch({ type: 'set-body', body })}
            onSend={onSend}
          />
        ) : null}
        {tab === 'auth' ? (
          <AuthPanel auth={spec.auth} onChange={(auth) => dispatch({ type: 'set-auth', auth })} />
        ) : null}
        {tab === 'scripts' ? (
          <ScriptsPanel
            scripts={spec.scripts}
            documentKey={draft.documentKey}
            onScripts={(scripts) => dispatch({ type: 'set-scripts', scripts })}
            onSend={onSend}
          />
        ) : null}
        {tab === 'assertions' ? (
          <AssertionsPanel
            assertions={spec.assertions}
            onAssertions={(assertions) => dispatch({ type: 'set-assertions', assertions })}
          />
        ) : null}
        {tab === 'cookies' ? (
          <CookiesPanel
            url={spec.url}
            pathParams={spec.pathParams}
            cookies={spec.cookies}
            useJar={spec.settings.useCookieJar !== false}
            onCookies={(cookies) => dispatch({ type: 'set-cookies', cookies })}
          />
        ) : null}
        {tab === 'settings' ? (
          <SettingsPanel
            settings={spec.settings}
            onSettings={(settings) => dispatch({ type: 'set-settings', settings })}
          />
        ) : null}
        {tab === 'examples' ? (
          <ExamplesPanel
            examples={spec.examples}
            onExamples={(examples) => dispatch({ type: 'set-examples', examples })}
          />
        ) : null}
        {tab === 'capture' ? (
          <CapturesPanel
            captures={spec.captures}
            onCaptures={(captures) => dispatch({ type: 'set-captures', captures })}
          />
        ) : null}
      </div>
    </section>
  )
}
