import type { Example } from '@courier/shared'
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { ExamplesPanel } from './ExamplesPanel'

const found: Example = {
  name: 'Found',
  status: 200,
  statusText: 'OK',
  headers: [['Content-Type', 'application/json']],
  body: '{"id":7}',
  request: { method: 'GET', url: 'https://api.example.com/orders/7', headers: [], body: '' },
}
const missing: Example = { name: 'Missing', status: 404, statusText: 'Not Found', headers: [], body: 'no order' }

/** The panel as the editor holds it: the examples live in the request (here, state). */
function Panel({ initial }: { initial: Example[] }) {
  const [examples, setExamples] = useState(initial)
  return (
    <>
      <ExamplesPanel examples={examples} onExamples={setExamples} />
      <output aria-label="Saved names">{examples.map((e) => e.name).join(',')}</output>
    </>
  )
}

describe('ExamplesPanel', () => {
  it('lists examples by name and status, opens one, renames and deletes it', async () => {
    const user = userEvent.setup()
    render(<Panel initial={[found, missing]} />)
    expect(screen.getByRole('button', { name: 'Example Found, status 200' }).getAttribute('aria-current')).toBe('true')
    expect(screen.getByLabelText('Example status').textContent).toMatch('200 OK')
    expect(screen.getByRole('table', { name: 'Example headers' }).textContent).toMatch('application/json')
    expect(screen.getByText('Answer to GET https://api.example.com/orders/7')).toBeTruthy()

    await user.click(screen.getByRole('button', { name: 'Example Missing, status 404' }))
    expect(screen.getByLabelText('Example status').textContent).toMatch('404 Not Found')
    await user.click(screen.getByRole('button', { name: 'Rename example' }))
    const name = screen.getByRole('textbox', { name: 'Example name' })
    await user.clear(name)
    await user.type(name, 'Gone{Enter}')
    expect(screen.getByLabelText('Saved names').textContent).toMatch('Found,Gone')

    await user.click(screen.getByRole('button', { name: 'Delete example' }))
    expect(screen.getByLabelText('Saved names').textContent).toMatch(/^Found$/)
    expect(screen.getByLabelText('Example status').textContent).toMatch('200 OK')
  })

  it('says how to get an example when there is none', () => {
    render(<Panel initial={[]} />)
    expect(screen.getByText(/No saved examples/).textContent).toMatch('Save as example')
  })
})
