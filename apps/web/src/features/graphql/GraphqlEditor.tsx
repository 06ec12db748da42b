import { operationsOf, type RequestBody, type RequestSpec } from '@courier/shared'
import { useMemo, useState } from 'react'
import { CodeEditor } from '../../shared/code-editor/CodeEditor'
import { OperationPicker } from './OperationPicker'
import { SchemaBar } from './SchemaBar'
import { SchemaExplorer } from './SchemaExplorer'
import { useGraphqlEditors } from './use-graphql-editors'
import { useGraphqlSchema } from './use-graphql-schema'
import './graphql-body.css'

export type GraphqlBodyValue = Extract<RequestBody, { kind: 'graphql' }>

/** Query and variables, sent as `{"query", "variables", "operationName"}` JSON; schema-aware once a schema is loaded. */
export type GraphqlBodyProps = {
  body: GraphqlBodyValue
  spec: RequestSpec
  /** Where the variables stop being JSON, in words (the request editor's JSON check). */
  variablesProblem: string | null
  documentKey: number
  onChange: (body: GraphqlBodyValue) => void
  onSend: () => void
}

export default function GraphqlEditor({
  body,
  spec,
  variablesProblem: problem,
  documentKey,
  onChange,
  onSend,
}: GraphqlBodyProps) {
  const schemaState = useGraphqlSchema(spec)
  const schema = schemaState.loaded?.schema ?? null
  const [explorer, setExplorer] = useState(false)
  const editors = useGraphqlEditors(schema, body.query)
  const operations = useMemo(() => operationsOf(body.query), [body.query])
  const showExplorer = explorer && schema !== null
  return (
    <div className="graphql-body">
      <SchemaBar state={schemaState} explorerOpen={showExplorer} onExplorer={setExplorer} />
      <div className={`graphql-body__panes${showExplorer ? ' has-explorer' : ''}`}>
        <div className="graphql-body__pane">
          <div className="graphql-body__label">
            <span>Query</span>
            <OperationPicker
              operations={operations}
              value={body.operationName}
              onChange={(operationName) => onChange({ ...body, operationName })}
            />
          </div>
          <CodeEditor
            language="graphql"
            ariaLabel="GraphQL query"
            value={body.query}
            documentKey={documentKey}
            onChange={(query) => onChange({ ...body, query })}
            onCtrlEnter={onSend}
            onEditor={editors.onQueryEditor}
          />
        </div>
        <div className="graphql-body__pane">
          <div className="graphql-body__label">
            <span>Variables (JSON)</span>
            {problem ? <span className="json-status json-status--bad">{problem}</span> : null}
          </div>
          <CodeEditor
            language="json"
            ariaLabel="GraphQL variables"
            value={body.variables}
            documentKey={documentKey}
            onChange={(variables) => onChange({ ...body, variables })}
            onCtrlEnter={onSend}
            onEditor={editors.onVariablesEditor}
          />
        </div>
        {showExplorer ? (
          <SchemaExplorer schema={schema} onInsert={editors.insert} onClose={() => setExplorer(false)} />
        ) : null}
      </div>
    </div>
  )
}
