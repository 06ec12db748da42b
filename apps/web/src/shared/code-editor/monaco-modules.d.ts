// monaco-editor's exports map resolves these at build time; TypeScript needs them declared.
declare module 'monaco-editor/editor' {
  export * from 'monaco-editor'
}
declare module 'monaco-editor/features/register.all'
declare module 'monaco-editor/languages/features/json/register'
declare module 'monaco-editor/languages/definitions/xml/register'
declare module 'monaco-editor/languages/definitions/html/register'
declare module 'monaco-editor/languages/definitions/javascript/register'
declare module 'monaco-editor/languages/definitions/graphql/register'
declare module 'monaco-editor/languages/definitions/yaml/register'
declare module 'monaco-editor/languages/definitions/css/register'
