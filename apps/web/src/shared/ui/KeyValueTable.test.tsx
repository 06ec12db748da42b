import type { Row } from '@courier/shared'
import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { KeyValueTable } from './KeyValueTable'

/** The table as an editor holds it: rows in state, every change kept and recorded. */
function Harness({ initial, seen }: { initial: Row[]; seen: Row[][] }) {
  const [rows, setRows] = useState(initial)
  return (
    <KeyValueTable
      label="Query parameters"
      rows={rows}
      onChange={(next) => {
        seen.push(next)
        setRows(next)
      }}
    />
  )
}

function setup(initial: Row[] = []) {
  const seen: Row[][] = []
  render(<Harness initial={initial} seen={seen} />)
  const table = screen.getByRole('table', { name: 'Query parameters' })
  const rows = () => within(table).getAllByRole('row').slice(1) // the first is the column heads
  const last = () => seen.at(-1)
  return { table, rows, last, user: userEvent.setup({ delay: null }) }
}

describe('KeyValueTable', () => {
  it('always ends with a blank row, which becomes a real row as you type in it', async () => {
    const { rows, last, user } = setup()
    expect(rows()).toHaveLength(1)
    const blank = rows()[0]!
    expect(within(blank).getByRole('textbox', { name: 'Key' })).toHaveProperty('value', '')
    expect(within(blank).queryByRole('checkbox', { name: 'Enabled' })).toBeNull()
    expect(within(blank).queryByRole('button', { name: /^Remove/ })).toBeNull()

    await user.type(within(blank).getByRole('textbox', { name: 'Key' }), 'page')
    expect(last()).toEqual([['page', '', true]])
    expect(rows()).toHaveLength(2)
    expect(within(rows()[1]!).getByRole('textbox', { name: 'Key' })).toHaveProperty('value', '')

    await user.type(within(rows()[1]!).getByRole('textbox', { name: 'Value' }), '7')
    expect(last()).toEqual([
      ['page', '', true],
      ['', '7', true],
    ])
    expect(rows()).toHaveLength(3)
  })

  it('edits a value in place, and the enable switch turns a row off and on', async () => {
    const { rows, last, user } = setup([
      ['page', '1', true],
      ['sort', 'name', true],
    ])
    await user.type(within(rows()[0]!).getByRole('textbox', { name: 'Value' }), '0')
    expect(last()).toEqual([
      ['page', '10', true],
      ['sort', 'name', true],
    ])

    const enabled = within(rows()[1]!).getByRole('checkbox', { name: 'Enabled' })
    expect(enabled).toHaveProperty('checked', true)
    await user.click(enabled)
    expect(last()![1]).toEqual(['sort', 'name', false])
    expect(within(rows()[1]!).getByRole('checkbox', { name: 'Enabled' })).toHaveProperty('checked', false)
    await user.click(within(rows()[1]!).getByRole('checkbox', { name: 'Enabled' }))
    expect(last()![1]).toEqual(['sort', 'name', true])
  })

  it('removes the row whose button was pressed, keeping the others in order', async () => {
    const { rows, last, user } = setup([
      ['a', '1', true],
      ['b', '2', false],
      ['c', '3', true],
    ])
    await user.click(screen.getByRole('button', { name: 'Remove b' }))
    expect(last()).toEqual([
      ['a', '1', true],
      ['c', '3', true],
    ])
    expect(rows().map((row) => within(row).getByRole('textbox', { name: 'Key' }).getAttribute('value'))).toEqual([
      'a',
      'c',
      '',
    ])
  })

  it('with fixed keys (path params) offers no blank row, no switch and no remove, and keys are read-only', async () => {
    const seen: Row[][] = []
    render(
      <KeyValueTable
        label="Path parameters"
        fixedKeys
        rows={[['id', '', true]]}
        onChange={(rows) => seen.push(rows)}
      />,
    )
    const table = screen.getByRole('table', { name: 'Path parameters' })
    expect(within(table).getAllByRole('row')).toHaveLength(2)
    expect(within(table).queryByRole('checkbox')).toBeNull()
    expect(within(table).queryByRole('button')).toBeNull()
    expect(within(table).getByRole('textbox', { name: 'Key' })).toHaveProperty('readOnly', true)
    await userEvent.setup().type(within(table).getByRole('textbox', { name: 'Value' }), '4')
    expect(seen.at(-1)).toEqual([['id', '4', true]])
  })
})
