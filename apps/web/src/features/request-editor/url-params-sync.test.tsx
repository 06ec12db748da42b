import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useReducer } from 'react'
import { describe, expect, it } from 'vitest'
import { draftReducer, newDraft } from './draft-reducer'
import { RequestEditor } from './RequestEditor'

/** The editor as the app runs it: one draft in a reducer, the URL bar and the Params tab. */
function Editor() {
  const [draft, dispatch] = useReducer(draftReducer, undefined, () => newDraft())
  return (
    <RequestEditor
      draft={draft}
      dispatch={dispatch}
      isSending={false}
      onSend={() => {}}
      onCancel={() => {}}
      version="test"
    />
  )
}

function setup() {
  render(<Editor />)
  const url = screen.getByRole('textbox', { name: 'Request URL' }) as HTMLInputElement
  const table = () => screen.getByRole('table', { name: 'Query parameters' })
  /** Every row but the blank one, as [key, value, enabled]. */
  const params = () =>
    within(table())
      .getAllByRole('row')
      .slice(1, -1)
      .map((row) => [
        (within(row).getByRole('textbox', { name: 'Key' }) as HTMLInputElement).value,
        (within(row).getByRole('textbox', { name: 'Value' }) as HTMLInputElement).value,
        (within(row).getByRole('checkbox', { name: 'Enabled' }) as HTMLInputElement).checked,
      ])
  return { url, table, params, user: userEvent.setup({ delay: null }) }
}

describe('URL ⇄ params', () => {
  it('typing a query with a repeated key fills one row per occurrence, in order', async () => {
    const { url, params, user } = setup()
    await user.type(url, 'http://api.test/items?a=1&a=2')
    expect(params()).toEqual([
      ['a', '1', true],
      ['a', '2', true],
    ])
  })

  it('editing a row rewrites the URL, and a new row is added to it', async () => {
    const { url, table, params, user } = setup()
    await user.type(url, 'http://api.test/items?page=1')
    const [first] = within(table()).getAllByRole('row').slice(1)
    await user.type(within(first!).getByRole('textbox', { name: 'Value' }), '0')
    expect(url.value).toBe('http://api.test/items?page=10')

    const blank = within(table()).getAllByRole('row').at(-1)!
    await user.type(within(blank).getByRole('textbox', { name: 'Key' }), 'q')
    expect(params()).toEqual([
      ['page', '10', true],
      ['q', '', true],
    ])
    expect(url.value).toBe('http://api.test/items?page=10&q=')
  })

  it('a disabled row drops out of the URL and stays in the table; enabling it puts it back', async () => {
    const { url, table, params, user } = setup()
    await user.type(url, 'http://api.test/items?a=1&b=2')
    const second = within(table()).getAllByRole('row')[2]!
    await user.click(within(second).getByRole('checkbox', { name: 'Enabled' }))
    expect(url.value).toBe('http://api.test/items?a=1')
    expect(params()).toEqual([
      ['a', '1', true],
      ['b', '2', false],
    ])
    await user.click(within(within(table()).getAllByRole('row')[2]!).getByRole('checkbox', { name: 'Enabled' }))
    expect(url.value).toBe('http://api.test/items?a=1&b=2')
  })

  it('removing a row removes it from the URL', async () => {
    const { url, params, user } = setup()
    await user.type(url, 'http://api.test/items?a=1&b=2&c=3')
    await user.click(screen.getByRole('button', { name: 'Remove b' }))
    expect(url.value).toBe('http://api.test/items?a=1&c=3')
    expect(params().map(([key]) => key)).toEqual(['a', 'c'])
  })
})
