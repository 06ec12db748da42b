export { OutboxBanner } from './OutboxBanner'
export { useOutbox, useShownKept } from './use-outbox'
export {
  isRequestSave,
  keptReason,
  keptSettingsOf,
  outboxKey,
  type KeptChange,
  type KeptSave,
  type KeptSettings,
} from './kept-changes'
export { useOutboxContext, OutboxContext } from './outbox-context'
export { sendSettings } from './send-settings'
export type { Outbox } from './outbox'
export { KeptNote } from './KeptNote'
