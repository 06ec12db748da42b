import type { RealtimeSpec, SavedMessage } from '@courier/shared'
import { useEffect, useId, useState } from 'react'
import { CodeEditor } from '../../shared/code-editor/CodeEditor'
import { composerDraft, keepComposerDraft } from './composer-drafts'
import { encodeMessage, type ComposerFormat } from './message-encoding'
import { SavedMessages } from './SavedMessages'

export type OutgoingMessage = { format: 'text' | 'json' | 'binary'; data: string; event?: string; ack?: boolean }

type ComposerProps = {
  tabId: string
  realtime: RealtimeSpec
  connected: boolean
  onSend: (message: OutgoingMessage) => void
  /** WebSocket only: a ping frame (the answer's pong shows in the timeline). */
  onPing?: () => void
  onMessages: (messages: SavedMessage[]) => void
}

const FORMATS: { value: ComposerFormat; label: string }[] = [
  { value: 'text', label: 'Text' },
  { value: 'json', label: 'JSON' },
  { value: 'base64', label: 'Binary (base64)' },
  { value: 'hex', label: 'Binary (hex)' },
]

/** Writes a message (Text, JSON, binary; a Socket.IO event with JSON-array arguments) and sends it; Ctrl+Enter sends. */
export function Composer({ tabId, realtime, connected, onSend, onPing, onMessages }: ComposerProps) {
  const socketio = realtime.kind === 'socketio'
  const draftKey = `${tabId}:${realtime.kind}`
  const [initial] = useState(() => composerDraft(draftKey, socketio))
  const [format, setFormat] = useState<ComposerFormat>(initial.format)
  const [text, setText] = useState(initial.text)
  const [event, setEvent] = useState(initial.event)
  const [ack, setAck] = useState(initial.ack)
  useEffect(() => keepComposerDraft(draftKey, { format, text, event, ack }), [draftKey, format, text, event, ack])
  const [documentKey, setDocumentKey] = useState(0)
  const [problem, setProblem] = useState<string | null>(null)
  const ids = useId()

  const encoded = () => {
    const message = encodeMessage(socketio ? 'json' : format, text)
    if ('problem' in message) return message
    if (socketio) {
      try {
        if (!Array.isArray(JSON.parse(text)))
          return { problem: 'Socket.IO arguments are a JSON array, like ["hi", 1].' }
      } catch {
        // {{variables}} make it unparsable here; Courier resolves them and checks again.
        if (!/\{\{/.test(text)) return { problem: 'Socket.IO arguments are a JSON array, like ["hi", 1].' }
      }
      return { ...message, event: event.trim() || 'message', ack }
    }
    return message
  }

  const send = () => {
    if (!connected) return
    const message = encoded()
    if ('problem' in message) {
      setProblem(message.problem)
      return
    }
    setProblem(null)
    onSend(message)
  }

  const load = (saved: SavedMessage) => {
    setFormat(saved.format === 'binary' ? 'base64' : saved.format)
    setText(saved.data)
    if (saved.event !== undefined) setEvent(saved.event)
    setAck(saved.ack ?? false)
    setDocumentKey((k) => k + 1)
  }

  const current = (): Omit<SavedMessage, 'id' | 'name'> | null => {
    const message = encoded()
    if ('problem' in message) {
      setProblem(message.problem)
      return null
    }
    return {
      format: message.format,
      data: message.format === 'binary' ? message.data : text,
      ...(socketio ? { event: event.trim() || 'message', ack } : {}),
    }
  }

  return (
    <section className="realtime-composer" aria-label="Message composer">
      <div className="realtime-composer__bar">
        {socketio ? (
          <>
            <label htmlFor={`${ids}-event`} className="realtime-composer__label">
              Event
            </label>
            <input
              id={`${ids}-event`}
              className="input realtime-composer__event"
              aria-label="Event name"
              value={event}
              onChange={(e) => setEvent(e.target.value)}
            />
            <label className="checkbox">
              <input type="checkbox" checked={ack} onChange={(e) => setAck(e.target.checked)} /> Wait for ack
            </label>
          </>
        ) : (
          <select
            aria-label="Message format"
            className="select"
            value={format}
            onChange={(e) => setFormat(e.target.value as ComposerFormat)}
          >
            {FORMATS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        )}
        <span className="realtime-composer__spacer" />
        {onPing ? (
          <button
            type="button"
            className="button"
            disabled={!connected}
            title={connected ? 'Send a ping frame; the pong shows in the timeline' : 'Connect first'}
            onClick={onPing}
          >
            Ping
          </button>
        ) : null}
        <button
          type="button"
          className="button button--primary"
          disabled={!connected}
          aria-keyshortcuts="Control+Enter"
          title={connected ? 'Send message (Ctrl+Enter)' : 'Connect first'}
          onClick={send}
        >
          Send message
        </button>
      </div>
      <div className="realtime-composer__editor">
        <CodeEditor
          value={text}
          documentKey={documentKey}
          language={socketio || format === 'json' ? 'json' : 'plaintext'}
          ariaLabel={socketio ? 'Event arguments (JSON array)' : 'Message'}
          onChange={(value) => {
            setText(value)
            setProblem(null)
          }}
          onCtrlEnter={send}
        />
      </div>
      {problem ? (
        <p role="alert" className="inline-error">
          {problem}
        </p>
      ) : null}
      <SavedMessages
        messages={realtime.messages}
        connected={connected}
        current={current}
        onMessages={onMessages}
        onLoad={load}
        onSend={(saved) =>
          onSend({
            format: saved.format,
            data: saved.data,
            ...(socketio ? { event: saved.event ?? 'message', ack: saved.ack ?? false } : {}),
          })
        }
      />
    </section>
  )
}
