import type { Frame, RealtimeHandshake } from '@courier/shared'

export type SessionStatus = 'idle' | 'connecting' | 'open' | 'closed' | 'error'

/** What the view shows of one session. `frames` only grows (pushed in place); `version` tells React it did. */
export type SessionSnapshot = {
  status: SessionStatus
  handshake: RealtimeHandshake | null
  frames: Frame[]
  droppedFrames: number
  historyId: string | null
  error: { code: string; message: string } | null
  /** Why it closed (code and reason, or Courier's own note). */
  closeNote: string | null
  openedAt: number | null
  /** The history entry these frames were loaded from (a reopened session, read-only). */
  fromHistory: string | null
  version: number
}

export type SessionStore = {
  getSnapshot: () => SessionSnapshot
  subscribe: (listener: () => void) => () => void
  update: (patch: Partial<Omit<SessionSnapshot, 'frames' | 'version'>>) => void
  appendFrames: (frames: readonly Frame[]) => void
  /** Replaces the whole timeline (a session loaded from history, or Clear). */
  resetFrames: (frames?: Frame[]) => void
}

export function emptySnapshot(): SessionSnapshot {
  return {
    status: 'idle',
    handshake: null,
    frames: [],
    droppedFrames: 0,
    historyId: null,
    error: null,
    closeNote: null,
    openedAt: null,
    fromHistory: null,
    version: 0,
  }
}

/**
 * One session's state for useSyncExternalStore. Frames are pushed into one array (no copy per batch,
 * so 100,000 frames cost what they weigh); each change makes a new snapshot object around it.
 */
export function createSessionStore(initial: SessionSnapshot = emptySnapshot()): SessionStore {
  let snapshot = initial
  const listeners = new Set<() => void>()
  const emit = (next: SessionSnapshot) => {
    snapshot = next
    for (const listener of listeners) listener()
  }
  return {
    getSnapshot: () => snapshot,
    subscribe: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    update: (patch) => emit({ ...snapshot, ...patch, version: snapshot.version + 1 }),
    appendFrames: (frames) => {
      if (frames.length === 0) return
      const target = snapshot.frames
      for (const frame of frames) target.push(frame)
      emit({ ...snapshot, version: snapshot.version + 1 })
    },
    resetFrames: (frames = []) => emit({ ...snapshot, frames, version: snapshot.version + 1 }),
  }
}
