import { membersAfter } from './script-api'
import type { monaco as Monaco } from './monaco-setup'

/** Completion and hover for the script API in every JavaScript editor (scripts are the only JavaScript Courier edits). */
export function registerScriptCompletion(monaco: typeof Monaco) {
  monaco.languages.registerCompletionItemProvider('javascript', {
    triggerCharacters: ['.'],
    provideCompletionItems(model, position) {
      const line = model.getLineContent(position.lineNumber).slice(0, position.column - 1)
      const match = /([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\.?([\w$]*)$/.exec(line)
      const typed = match?.[0] ?? ''
      const prefix = typed.includes('.') ? typed.slice(0, typed.lastIndexOf('.')) : ''
      const word = model.getWordUntilPosition(position)
      const range = {
        startLineNumber: position.lineNumber,
        endLineNumber: position.lineNumber,
        startColumn: word.startColumn,
        endColumn: word.endColumn,
      }
      const Kind = monaco.languages.CompletionItemKind
      return {
        suggestions: membersAfter(prefix).map((member) => {
          const name = member.path.slice(prefix ? prefix.length + 1 : 0)
          return {
            label: name,
            kind: member.kind === 'function' ? Kind.Method : member.kind === 'object' ? Kind.Module : Kind.Property,
            documentation: member.doc,
            detail: member.path,
            insertText: member.insert ?? (member.kind === 'function' ? `${name}($0)` : name),
            insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet,
            range,
          }
        }),
      }
    },
  })
}
