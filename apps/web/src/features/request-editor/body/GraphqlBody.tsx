import type { RequestBody } from '@courier/shared'
import { CodeEditor } from '../../../shared/code-editor/CodeEditor'
import { jsonProblem } from './json-problem'

type GraphqlBody = Extract<RequestBody, { kind: 'graphql' }>

/** Query and variables, sent as `{"query", "variables", "operationName"}` JSON. */
export function GraphqlBody({
  body,
  documentKey,
  onChange,
  onSend,
}: {
  body: GraphqlBody
  documentKey: number
  onChange: (body: GraphqlBody) => void
  onSend: () => void
}) {
  const problem = jsonProblem(body.variables)
  return (
    <div className="graphql-body">
      <div className="graphql-body__pane">
        <div className="graphql-body__label">
          <span>Query</span>
          <input
            className="graphql-body__operation"
            aria-label="Operation name"
            placeholder="operation name (optional)"
            value={body.operationName ?? ''}
            onChange={(event) => onChange({ ...body, operationName: event.target.value || undefined })}
          />
        </div>
        <CodeEditor
          language="graphql"
          ariaLabel="GraphQL query"
          value={body.query}
          documentKey={documentKey}
          onChange={(query) => onChange({ ...body, query })}
          onCtrlEnter={onSend}
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
        />
      </div>
    </div>
  )
}
