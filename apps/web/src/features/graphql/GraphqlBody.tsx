import { lazy, Suspense } from 'react'
import type { GraphqlBodyProps } from './GraphqlEditor'

// graphql-js (schemas, the explorer, operationsOf) loads with the first GraphQL body, not with the app.
const GraphqlEditor = lazy(() => import('./GraphqlEditor'))

/** The GraphQL body editor: query, variables, schema and explorer. */
export function GraphqlBody(props: GraphqlBodyProps) {
  return (
    <Suspense
      fallback={
        <div className="code-editor code-editor--loading" aria-busy="true">
          Loading GraphQL editor…
        </div>
      }
    >
      <GraphqlEditor {...props} />
    </Suspense>
  )
}
