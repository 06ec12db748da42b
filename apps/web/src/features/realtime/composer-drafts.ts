import type { ComposerFormat } from './message-encoding'

export type ComposerDraft = { format: ComposerFormat; text: string; event: string; ack: boolean }

/** What each tab's composer holds (per tab and kind), kept while the page lives so switching tabs loses no half-written message. */
const drafts = new Map<string, ComposerDraft>()

export function composerDraft(key: string, socketio: boolean): ComposerDraft {
  return (
    drafts.get(key) ?? {
      format: socketio ? 'json' : 'text',
      text: socketio ? '[]' : '',
      event: 'message',
      ack: false,
    }
  )
}

export function keepComposerDraft(key: string, draft: ComposerDraft): void {
  drafts.set(key, draft)
}
