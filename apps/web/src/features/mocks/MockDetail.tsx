import type { Mock } from '@courier/shared'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { ErrorAlert, errorParts } from '../../shared/ui/ErrorAlert'
import { ConfirmDelete, CopyButton } from '../capture'
import { MockCalls } from './MockCalls'
import { MockRoutes } from './MockRoutes'
import { MockSettings } from './MockSettings'
import {
  mockCallsOptions,
  mockPatch,
  mockRoutesOptions,
  useClearMockCalls,
  useDeleteMock,
  useUpdateMock,
} from './mock-queries'

/** One mock: where it answers, Pause/Resume, Delete, its routes and choices, its call log. */
export function MockDetail({ mock }: { mock: Mock }) {
  const routes = useQuery(mockRoutesOptions(mock.id))
  const calls = useQuery(mockCallsOptions(mock.id))
  const update = useUpdateMock()
  const remove = useDeleteMock()
  const clear = useClearMockCalls()
  const [deleting, setDeleting] = useState(false)
  const source = mock.source.kind === 'collection' ? 'a collection' : 'an OpenAPI document'

  return (
    <section className="mock-detail" aria-label={`Mock ${mock.name}`}>
      <header className="mock-detail__bar">
        <h3 className="mock-detail__name">{mock.name}</h3>
        {mock.enabled ? null : <span className="mock-detail__paused">Paused</span>}
        <span className="mocks__spacer" />
        <button
          type="button"
          className="button button--small"
          onClick={() => update.mutate(mockPatch(mock, { enabled: !mock.enabled }))}
        >
          {mock.enabled ? 'Pause' : 'Resume'}
        </button>
        <button type="button" className="button button--small button--ghost" onClick={() => setDeleting(true)}>
          Delete
        </button>
      </header>
      <div className="mock-detail__url">
        <code aria-label="Mock URL">{mock.url}</code>
        <CopyButton text={mock.url} label={`Copy URL of mock ${mock.name}`} />
      </div>
      <p className="mock-detail__meta">
        From {source}.{' '}
        {mock.allowedOrigins.length
          ? `Pages allowed: ${mock.allowedOrigins.join(', ')}.`
          : 'No page origins allowed: browsers block pages calling it (curl and servers still can).'}
      </p>
      <MockSettings mock={mock} busy={update.isPending} onSave={(patch) => update.mutate(mockPatch(mock, patch))} />
      {update.error ? <ErrorAlert {...errorParts(update.error)} /> : null}
      {routes.error ? <ErrorAlert {...errorParts(routes.error)} /> : null}
      {routes.data ? (
        <MockRoutes
          mock={mock}
          routes={routes.data}
          onChoices={(choices) => update.mutate(mockPatch(mock, { routes: choices }))}
        />
      ) : null}
      <MockCalls calls={calls.data?.items ?? []} clearing={clear.isPending} onClear={() => clear.mutate(mock.id)} />
      {remove.error ? <ErrorAlert {...errorParts(remove.error)} /> : null}
      <ConfirmDelete
        what={deleting ? `mock ${mock.name}` : null}
        detail="Its URL stops answering at once, and its call log goes with it."
        onConfirm={() => remove.mutate(mock.id)}
        onClose={() => setDeleting(false)}
      />
    </section>
  )
}
