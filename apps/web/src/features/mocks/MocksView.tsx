import { endpoints } from '@courier/shared'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { callEndpoint } from '../../shared/api/proxy-client'
import { ErrorAlert, errorParts } from '../../shared/ui/ErrorAlert'
import { MockDetail } from './MockDetail'
import { MockForm } from './MockForm'
import { mocksOptions, useCreateMock } from './mock-queries'
import '../../shared/ui/data-table.css'
import './mocks.css'

/** Mock servers: the list, a form for a new one, the chosen one's routes and calls; in the editor's place. */
export function MocksView({ onClose }: { onClose: () => void }) {
  const mocks = useQuery(mocksOptions())
  const info = useQuery({
    queryKey: ['info'],
    queryFn: ({ signal }) => callEndpoint(endpoints.info, {}, signal),
    staleTime: Infinity,
  })
  const create = useCreateMock()
  const [adding, setAdding] = useState(false)
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const list = mocks.data ?? []
  const selected = list.find((mock) => mock.id === selectedId) ?? list[0] ?? null
  const showForm = adding || (mocks.isSuccess && list.length === 0)

  return (
    <section className="mocks" aria-label="Mocks">
      <header className="mocks__bar">
        <h2 className="mocks__title">Mocks</h2>
        {info.data ? (
          <span className="mocks__origin">
            {info.data.mockOrigin
              ? `Served on ${info.data.mockOrigin}`
              : 'This server serves no mocks (it was started with --no-mocks)'}
          </span>
        ) : null}
        <span className="mocks__spacer" />
        <button type="button" className="button button--small" onClick={onClose}>
          Back to requests
        </button>
      </header>
      <div className="mocks__body">
        <nav className="mocks__list" aria-label="Mock servers">
          <button
            type="button"
            className="button button--small mocks__new"
            onClick={() => setAdding(true)}
            disabled={showForm}
          >
            New mock
          </button>
          {mocks.isSuccess && list.length === 0 ? <p className="mocks__none">No mocks yet.</p> : null}
          <ul>
            {list.map((mock) => (
              <li key={mock.id}>
                <button
                  type="button"
                  className={`mocks__item${mock.id === selected?.id && !showForm ? ' is-selected' : ''}`}
                  aria-current={mock.id === selected?.id && !showForm ? 'true' : undefined}
                  onClick={() => {
                    setSelectedId(mock.id)
                    setAdding(false)
                  }}
                >
                  <span className="mocks__item-name">{mock.name}</span>
                  <span className="mocks__item-meta">
                    {mock.enabled ? `${mock.source.kind === 'collection' ? 'Collection' : 'OpenAPI'}` : 'Paused'}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div className="mocks__main">
          {mocks.error ? <ErrorAlert {...errorParts(mocks.error)} /> : null}
          {showForm ? (
            <>
              {list.length === 0 ? (
                <p className="mocks__empty">
                  A mock answers from saved examples on its own origin, so your front end can call an API that does not
                  exist yet: pick a collection whose requests have examples (or an OpenAPI document) and call the URL it
                  gets.
                </p>
              ) : null}
              <MockForm
                busy={create.isPending}
                error={create.error}
                onSubmit={(input) =>
                  create.mutate(input, {
                    onSuccess: (mock) => {
                      setAdding(false)
                      setSelectedId(mock.id)
                    },
                  })
                }
                onCancel={list.length ? () => setAdding(false) : undefined}
              />
            </>
          ) : selected ? (
            <MockDetail key={selected.id} mock={selected} />
          ) : null}
        </div>
      </div>
    </section>
  )
}
