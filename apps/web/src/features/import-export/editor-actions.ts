import { createContext, useContext } from 'react'

/**
 * What the URL bar can ask of the app around it: open the copy-as-code dialog for this tab,
 * and turn a pasted cURL command into the whole request. Provided by the app shell; absent
 * (null) where the URL bar is used alone.
 */
export type EditorActions = {
  openCode: () => void
  /** Answers false when the text is not a cURL command (then the paste goes ahead as typed). */
  pasteCurl: (text: string) => boolean
}

export const EditorActionsContext = createContext<EditorActions | null>(null)

export function useEditorActions(): EditorActions | null {
  return useContext(EditorActionsContext)
}
