import type { Mock, MockRoute } from '@courier/shared'
import { OverrideField } from './OverrideField'
import { withChoice } from './route-choices'

type MockRoutesProps = {
  mock: Mock
  routes: readonly MockRoute[]
  onChoices: (routes: Mock['routes']) => void
}

/** The routes the mock serves: per route the example that answers, a status override and a delay. */
export function MockRoutes({ mock, routes, onChoices }: MockRoutesProps) {
  const choiceOf = (key: string) => mock.routes.find((choice) => choice.route === key)
  const set = (key: string, patch: Parameters<typeof withChoice>[2]) => onChoices(withChoice(mock.routes, key, patch))
  if (!routes.length)
    return (
      <p className="mocks__empty">
        This source has no routes to serve: save a request with an example in the collection, or give the OpenAPI
        document paths.
      </p>
    )
  return (
    <table className="data-table mock-routes" aria-label="Routes">
      <thead>
        <tr>
          <th>Method</th>
          <th>Path</th>
          <th>Name</th>
          <th>Example</th>
          <th>Status</th>
          <th>Delay</th>
        </tr>
      </thead>
      <tbody>
        {routes.map((route) => {
          const choice = choiceOf(route.key)
          const label = `${route.method} ${route.path}`
          return (
            <tr key={route.key}>
              <td className={`mock-routes__method method--${route.method.toLowerCase()}`}>{route.method}</td>
              <td className="mock-routes__path">{route.path}</td>
              <td className="mock-routes__name">{route.name}</td>
              <td>
                <select
                  aria-label={`Example for ${label}`}
                  value={choice?.example ?? route.chosen ?? ''}
                  onChange={(event) => set(route.key, { example: event.target.value || null })}
                  disabled={!route.examples.length}
                >
                  {route.examples.length ? null : <option value="">No examples (schema answer)</option>}
                  {route.examples.map((example) => (
                    <option key={example.name} value={example.name}>
                      {example.name} ({example.status})
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <OverrideField
                  label={`Status override for ${label}`}
                  value={choice?.status ?? null}
                  min={100}
                  max={599}
                  placeholder="as saved"
                  onCommit={(status) => set(route.key, { status })}
                />
              </td>
              <td>
                <span className="mock-routes__delay">
                  <OverrideField
                    label={`Delay for ${label} (ms)`}
                    value={choice?.delayMs ?? null}
                    min={0}
                    max={60_000}
                    placeholder={String(mock.delayMs)}
                    onCommit={(delayMs) => set(route.key, { delayMs })}
                  />
                  <span aria-hidden="true">ms</span>
                </span>
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
