import type { Scripts } from '@courier/shared'
import { useId, useState } from 'react'
import { CodeEditor } from '../code-editor/CodeEditor'
import { Tabs } from '../ui/Tabs'
import { SNIPPETS } from './snippets'
import './scripts-panel.css'

type Phase = 'preRequest' | 'test'

type ScriptsPanelProps = {
  scripts: Scripts
  /** Changes when another request is shown: the editors adopt its scripts. */
  documentKey: string | number
  onScripts: (scripts: Scripts) => void
  onSend?: () => void
  /** "request" in the editor; "collection" or "folder" in their settings (run around every request inside). */
  owner?: 'request' | 'collection' | 'folder'
}

/** Pre-request and post-response (test) scripts, in Monaco with completion for `pm`, and snippets to start from. */
export function ScriptsPanel({ scripts, documentKey, onScripts, onSend, owner = 'request' }: ScriptsPanelProps) {
  const [phase, setPhase] = useState<Phase>(scripts.preRequest.trim() && !scripts.test.trim() ? 'preRequest' : 'test')
  // Adding a snippet replaces the editor's text, so the editor is told to adopt it.
  const [inserted, setInserted] = useState(0)
  const panelId = useId()
  const label = phase === 'preRequest' ? 'Pre-request script' : 'Post-response script'
  const add = (code: string) => {
    const current = scripts[phase]
    onScripts({ ...scripts, [phase]: current && !current.endsWith('\n') ? `${current}\n${code}` : current + code })
    setInserted((n) => n + 1)
  }
  return (
    <div className="scripts-panel">
      <Tabs<Phase>
        label="Script phase"
        size="small"
        selected={phase}
        onSelect={setPhase}
        panelId={panelId}
        tabs={[
          { id: 'preRequest', label: 'Pre-request', badge: scripts.preRequest.trim() ? '•' : undefined },
          { id: 'test', label: 'Post-response', badge: scripts.test.trim() ? '•' : undefined },
        ]}
      />
      <div className="scripts-panel__body" id={panelId} role="tabpanel" aria-label={label}>
        <div className="scripts-panel__editor">
          <CodeEditor
            key={phase}
            language="javascript"
            ariaLabel={label}
            value={scripts[phase]}
            documentKey={`${documentKey}:${phase}:${inserted}`}
            onChange={(text) => onScripts({ ...scripts, [phase]: text })}
            {...(onSend ? { onCtrlEnter: onSend } : {})}
          />
        </div>
        <aside className="scripts-panel__side" aria-label="Snippets">
          <p className="scripts-panel__hint">
            {phase === 'preRequest'
              ? `Runs before ${owner === 'request' ? 'the request is sent' : `every request in this ${owner}`}.`
              : `Runs after ${owner === 'request' ? 'the answer arrives' : `each answer in this ${owner}`}: pm.test, pm.expect, pm.response.`}{' '}
            In Courier’s sandbox, outer scripts first.
          </p>
          <ul className="scripts-panel__snippets">
            {SNIPPETS.filter((s) => s.phase === phase || s.phase === 'both').map((snippet) => (
              <li key={snippet.label}>
                <button type="button" className="link-button" onClick={() => add(snippet.code)}>
                  {snippet.label}
                </button>
              </li>
            ))}
          </ul>
        </aside>
      </div>
    </div>
  )
}
