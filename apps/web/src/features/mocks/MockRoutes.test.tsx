import { MockSchema, type Mock, type MockRoute } from '@courier/shared'
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { MockRoutes } from './MockRoutes'

const routes: MockRoute[] = [
  {
    key: 'GET /pets',
    method: 'GET',
    path: '/pets',
    name: 'List pets',
    examples: [
      { name: 'Two pets', status: 200 },
      { name: 'Gone', status: 404 },
    ],
    chosen: 'Two pets',
  },
  { key: 'POST /pets', method: 'POST', path: '/pets', name: 'Add pet', examples: [], chosen: null },
]

/** The routes as the mock holds them: each change is the mock's new `routes` (here, state). */
function Routes() {
  const [mock, setMock] = useState<Mock>(
    MockSchema.parse({
      id: 'm1',
      version: 1,
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
      url: 'http://127.0.0.1:1/mocks/m1',
      name: 'Pets',
      source: { kind: 'collection', collectionId: 'c1' },
    }),
  )
  return (
    <>
      <MockRoutes mock={mock} routes={routes} onChoices={(choices) => setMock({ ...mock, routes: choices })} />
      <output aria-label="Choices">{JSON.stringify(mock.routes)}</output>
    </>
  )
}

describe('MockRoutes', () => {
  it('chooses an example, overrides the status on Enter, sets a delay on leaving the field, and clears an override', async () => {
    const user = userEvent.setup()
    render(<Routes />)
    const choices = () => JSON.parse(screen.getByRole('status', { name: 'Choices' }).textContent!)
    expect(screen.getByRole('combobox', { name: 'Example for GET /pets' })).toHaveProperty('value', 'Two pets')
    expect(screen.getByRole('combobox', { name: 'Example for POST /pets' })).toHaveProperty('disabled', true)

    await user.selectOptions(screen.getByRole('combobox', { name: 'Example for GET /pets' }), 'Gone')
    expect(choices()).toEqual([{ route: 'GET /pets', example: 'Gone', status: null, delayMs: null }])

    await user.type(screen.getByRole('spinbutton', { name: 'Status override for GET /pets' }), '418{Enter}')
    expect(choices()).toEqual([{ route: 'GET /pets', example: 'Gone', status: 418, delayMs: null }])

    await user.type(screen.getByRole('spinbutton', { name: 'Delay for POST /pets (ms)' }), '250')
    expect(choices()).toHaveLength(1) // not until the field is left
    await user.tab()
    expect(choices()).toContainEqual({ route: 'POST /pets', example: null, status: null, delayMs: 250 })

    // Out of range is marked, not sent.
    const status = screen.getByRole('spinbutton', { name: 'Status override for POST /pets' })
    await user.type(status, '42{Enter}')
    expect(status.getAttribute('aria-invalid')).toBe('true')
    expect(choices().find((c: { route: string }) => c.route === 'POST /pets').status).toBeNull()

    await user.clear(screen.getByRole('spinbutton', { name: 'Delay for POST /pets (ms)' }))
    await user.tab()
    expect(choices()).toEqual([{ route: 'GET /pets', example: 'Gone', status: 418, delayMs: null }])
  })
})
