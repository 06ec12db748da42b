import type { SessionStatus } from './session-store'

/** Connect (a submit, so Enter in the URL connects) or, while connecting or open, Disconnect. */
export function ConnectButton({ status, onDisconnect }: { status: SessionStatus; onDisconnect: () => void }) {
  const live = status === 'connecting' || status === 'open'
  return live ? (
    <button key="disconnect" type="button" className="button button--danger url-bar__send" onClick={onDisconnect}>
      Disconnect
    </button>
  ) : (
    <button
      key="connect"
      type="submit"
      className="button button--primary url-bar__send"
      aria-keyshortcuts="Control+Enter"
      title="Connect (Ctrl+Enter)"
    >
      Connect
    </button>
  )
}
