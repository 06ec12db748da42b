import { WorkspaceFilesStatusSchema, type GitChange, type WorkspaceFilesStatus } from '@courier/shared'
import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { ChangesList } from './ChangesList'
import { FileProblems } from './FileProblems'

const changes: GitChange[] = [
  {
    path: 'collections/shop/list-orders.yaml',
    status: 'modified',
    kind: 'request',
    name: 'List orders',
    itemId: 'i1',
    words: ['header X-Api-Key added', 'body changed'],
  },
  {
    path: 'environments/staging.yaml',
    status: 'untracked',
    kind: 'environment',
    name: 'Staging',
    itemId: null,
    words: [],
  },
]

/** A status of the folder /w without git, with `fields` over it. */
const statusWith = (fields: Partial<WorkspaceFilesStatus>) =>
  WorkspaceFilesStatusSchema.parse({
    dir: '/w',
    fromFlag: false,
    syncedAt: null,
    problems: [],
    literalCredentials: [],
    notices: [],
    gitError: null,
    git: null,
    gitAvailable: true,
    ...fields,
  })

describe('the changed files', () => {
  it('shows each file with its status, name, path and words; a request row opens it with the keyboard', async () => {
    const onOpen = vi.fn()
    render(
      <ChangesList
        changes={changes}
        unreadable={new Set(['environments/staging.yaml'])}
        openable={(change) => change.itemId !== null}
        onOpen={onOpen}
      />,
    )
    const list = screen.getByRole('list', { name: 'Changed files' })
    const [request, environment] = within(list).getAllByRole('listitem')
    expect(request!.textContent).toContain('modified')
    expect(request!.textContent).toContain('Request List orders')
    expect(request!.textContent).toContain('collections/shop/list-orders.yaml')
    expect(request!.textContent).toContain('header X-Api-Key added · body changed')
    expect(environment!.textContent).toContain('untracked')
    expect(environment!.textContent).toContain('Courier cannot read this file')
    expect(request!.textContent).not.toContain('Courier cannot read this file')
    expect(within(environment!).queryByRole('button')).toBeNull()

    await userEvent.tab()
    expect(document.activeElement).toBe(within(request!).getByRole('button'))
    await userEvent.keyboard('{Enter}')
    expect(onOpen).toHaveBeenCalledWith(changes[0])
  })

  it('puts unreadable files first as errors, then what the sync decided, and warns of literal credentials', () => {
    const status = statusWith({
      fromFlag: true,
      problems: [{ path: 'collections/shop/broken.yaml', message: 'line 4: a key needs a value' }],
      literalCredentials: [{ path: 'collections/shop/login.yaml', name: 'Login', field: 'auth password' }],
      notices: [
        {
          at: '2026-12-04T04:00:00Z',
          message: 'Get order changed both in Courier and in its file; the file was kept.',
        },
      ],
    })
    render(<FileProblems status={status} />)
    const problems = screen.getByRole('region', { name: 'Files Courier cannot read' })
    expect(problems.textContent).toContain('collections/shop/broken.yaml')
    expect(problems.textContent).toContain('line 4: a key needs a value')
    expect(problems.textContent).toContain('Courier will not overwrite these files until they read again.')
    expect(screen.getByRole('region', { name: 'What the sync decided' }).textContent).toContain(
      'Get order changed both in Courier and in its file; the file was kept.',
    )
    expect(screen.getByRole('region', { name: 'Credentials typed in literally' }).textContent).toContain(
      'Login · auth password: committing writes it into the repository; use a secret variable.',
    )
  })

  it('shows the folder itself gone as the folder’s problem, not as a file to fix', () => {
    const status = statusWith({
      problems: [{ path: '', message: 'The workspace folder /w is gone (moved or unmounted?).' }],
    })
    render(<FileProblems status={status} />)
    expect(screen.getByRole('region', { name: 'The workspace folder' }).textContent).toContain('/w is gone')
    expect(screen.queryByRole('region', { name: 'Files Courier cannot read' })).toBeNull()
  })
})
