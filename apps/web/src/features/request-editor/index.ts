export { RequestEditor } from './RequestEditor'
export { draftReducer, newDraft, type Draft, type DraftAction } from './draft-reducer'
export { useSendRequest, type SendResult } from './use-send-request'
