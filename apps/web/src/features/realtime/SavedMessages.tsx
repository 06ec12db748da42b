import type { SavedMessage } from '@courier/shared'
import { useState } from 'react'

type SavedMessagesProps = {
  messages: SavedMessage[]
  connected: boolean
  /** The composer's message to save, or null (it said why). */
  current: () => Omit<SavedMessage, 'id' | 'name'> | null
  onMessages: (messages: SavedMessage[]) => void
  onLoad: (message: SavedMessage) => void
  onSend: (message: SavedMessage) => void
}

/** Messages kept with the request (spec.realtime.messages): load into the composer, send, delete. */
export function SavedMessages({ messages, connected, current, onMessages, onLoad, onSend }: SavedMessagesProps) {
  const [name, setName] = useState('')
  const save = () => {
    const message = current()
    if (!message) return
    const title = name.trim() || `Message ${messages.length + 1}`
    onMessages([...messages, { ...message, id: crypto.randomUUID(), name: title }])
    setName('')
  }
  return (
    <section className="realtime-saved" aria-label="Saved messages">
      <form
        className="realtime-saved__form"
        onSubmit={(event) => {
          event.preventDefault()
          save()
        }}
      >
        <input
          className="input"
          aria-label="Message name"
          placeholder="Name this message"
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" className="button">
          Save message
        </button>
      </form>
      {messages.length === 0 ? (
        <p className="hint">Saved messages stay with the request.</p>
      ) : (
        <ul className="realtime-saved__list">
          {messages.map((message) => (
            <li key={message.id} className="realtime-saved__item">
              <button
                type="button"
                className="realtime-saved__name"
                aria-label={`Load ${message.name}`}
                title={message.data.slice(0, 200)}
                onClick={() => onLoad(message)}
              >
                {message.name}
              </button>
              <button
                type="button"
                className="button button--small"
                aria-label={`Send ${message.name}`}
                disabled={!connected}
                onClick={() => onSend(message)}
              >
                Send
              </button>
              <button
                type="button"
                className="button button--small button--ghost"
                aria-label={`Delete ${message.name}`}
                onClick={() => onMessages(messages.filter((m) => m.id !== message.id))}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
