import type { RealtimeSpec } from '@courier/shared'

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)

/** What a kind needs beside the URL: WebSocket subprotocols, Socket.IO events listened to, SSE reconnect. */
export function SessionOptions({
  realtime,
  onChange,
  disabled,
}: {
  realtime: RealtimeSpec
  onChange: (realtime: RealtimeSpec) => void
  disabled: boolean
}) {
  return (
    <div className="realtime-options">
      {realtime.kind === 'websocket' ? (
        <label className="realtime-options__field">
          Subprotocols
          <input
            className="input"
            aria-label="Subprotocols"
            placeholder="comma-separated, e.g. chat, json"
            disabled={disabled}
            defaultValue={realtime.subprotocols.join(', ')}
            onBlur={(e) => onChange({ ...realtime, subprotocols: list(e.target.value) })}
          />
        </label>
      ) : null}
      {realtime.kind === 'socketio' ? (
        <>
          <label className="realtime-options__field">
            Listen to
            <input
              className="input"
              aria-label="Listen to events"
              placeholder="every event"
              disabled={disabled}
              defaultValue={realtime.listen.join(', ')}
              onBlur={(e) => onChange({ ...realtime, listen: list(e.target.value) })}
            />
          </label>
          <label className="realtime-options__field">
            Path
            <input
              className="input"
              aria-label="Socket.IO path"
              disabled={disabled}
              defaultValue={realtime.socketioPath}
              onBlur={(e) => onChange({ ...realtime, socketioPath: e.target.value.trim() || '/socket.io' })}
            />
          </label>
        </>
      ) : null}
      {realtime.kind === 'sse' ? (
        <label className="checkbox">
          <input
            type="checkbox"
            checked={realtime.reconnect}
            onChange={(e) => onChange({ ...realtime, reconnect: e.target.checked })}
          />{' '}
          Reconnect when the stream ends (with Last-Event-ID)
        </label>
      ) : null}
    </div>
  )
}
