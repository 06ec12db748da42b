import { act, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LinesView } from './LinesView'
import { WrapToggle, useRawWrap, RAW_WRAP_KEY } from './WrapToggle'
import type { BodyClient } from './body-client'
import { BodyDocument, type BodyKind } from './body-document'
import type { BodyCalls, BodyOp } from './body-protocol'
import { PROBE_CHARS, PROBE_WIDE } from './use-wrap-columns'

/** The worker's side run in the page: the same BodyDocument, answering asynchronously as the worker does. */
function inPageClient(text: string, kind: BodyKind = 'text') {
  const doc = new BodyDocument(text, kind)
  const client = {
    doc,
    async call<K extends BodyOp>(op: K, args: BodyCalls[K]['args']): Promise<BodyCalls[K]['result']> {
      await Promise.resolve()
      const answer = (): unknown => {
        if (op === 'lines') {
          const { view, from, to, wrap } = args as BodyCalls['lines']['args']
          return doc.lines(view, from, to, wrap)
        }
        if (op === 'relayout') {
          const { view, from, to, row } = args as BodyCalls['relayout']['args']
          return doc.relayout(view, from, to, row)
        }
        if (op === 'filter') return doc.applyFilter((args as BodyCalls['filter']['args']).expression)
        throw new Error(`${op} is not needed here.`)
      }
      return answer() as BodyCalls[K]['result']
    },
  }
  return client as typeof client & BodyClient
}

// jsdom lays nothing out: the view is given a box 300 characters of 7.5 px wide plus the probe's
// gutter and paddings (60 px), and 400 px high; the probe row measures what such a font would.
const CHAR_PX = 7.5
const CHROME_PX = 60
const COLUMNS = 40
const restore: (() => void)[] = []
function fake<K extends 'clientWidth' | 'clientHeight' | 'getBoundingClientRect'>(
  name: K,
  make: (original: PropertyDescriptor) => PropertyDescriptor,
) {
  const original =
    Object.getOwnPropertyDescriptor(Element.prototype, name) ??
    Object.getOwnPropertyDescriptor(HTMLElement.prototype, name)!
  Object.defineProperty(HTMLElement.prototype, name, { configurable: true, ...make(original) })
  restore.push(() => delete (HTMLElement.prototype as unknown as Record<string, unknown>)[name])
}
const isBox = (element: Element) => element.classList.contains('lines-view')
beforeAll(() => {
  fake('clientWidth', (original) => ({
    get(this: HTMLElement) {
      return isBox(this) ? CHROME_PX + 1 + COLUMNS * CHAR_PX : (original.get!.call(this) as number)
    },
  }))
  fake('clientHeight', (original) => ({
    get(this: HTMLElement) {
      return isBox(this) ? 400 : (original.get!.call(this) as number)
    },
  }))
  fake('getBoundingClientRect', (original) => ({
    value(this: HTMLElement) {
      // The probe's wide characters are two columns each here.
      const probe = { ['0'.repeat(PROBE_CHARS)]: PROBE_CHARS * CHAR_PX, [PROBE_WIDE]: 20 * CHAR_PX }
      const inProbe = this.parentElement?.classList.contains('lines-view__probe')
      const width = inProbe ? CHROME_PX + (PROBE_CHARS + 20) * CHAR_PX : probe[this.textContent ?? '']
      return width === undefined ? (original.value as () => DOMRect).call(this) : new DOMRect(0, 0, width, 20)
    },
  }))
})
afterAll(() => restore.forEach((undo) => undo()))

/** The rows drawn, top to bottom: line number (blank where a line continues) and text. */
function drawnRows(name = 'Raw response body') {
  return [...screen.getByRole('region', { name }).querySelectorAll('.lines-view__block .lines-view__row')].map(
    (row) => [row.firstElementChild!.textContent, row.lastElementChild!.textContent],
  )
}

const wrapBox = () => screen.getByRole<HTMLInputElement>('checkbox', { name: 'Wrap lines' })

const LONG = 'abcdefghij'.repeat(10) // 100 characters: 40 + 40 + 20 wrapped
const TEXT = `${LONG}\nshort`

function RawView({ client }: { client: BodyClient }) {
  const [wrap, setWrap] = useRawWrap()
  return (
    <>
      <WrapToggle wrap={wrap} onChange={setWrap} />
      <LinesView client={client} view="raw" count={2} version="record-1" label="Raw response body" wrap={wrap} />
    </>
  )
}

describe('Raw with Wrap lines', () => {
  it('is off until chosen, wraps at the view width in characters, and the choice survives a remount', async () => {
    const user = userEvent.setup()
    const client = inPageClient(TEXT)
    const first = render(<RawView client={client} />)
    const toggle = wrapBox()
    expect(toggle.checked).toBe(false)
    await waitFor(() =>
      expect(drawnRows()).toEqual([
        ['1', LONG],
        ['2', 'short'],
      ]),
    )

    await user.click(toggle)
    expect(toggle.checked).toBe(true)
    expect(localStorage.getItem(RAW_WRAP_KEY)).toBe('true')
    // Line numbers only on a line's first row.
    await waitFor(() =>
      expect(drawnRows()).toEqual([
        ['1', LONG.slice(0, 40)],
        ['', LONG.slice(40, 80)],
        ['', LONG.slice(80)],
        ['2', 'short'],
      ]),
    )

    first.unmount()
    render(<RawView client={client} />)
    expect(wrapBox().checked).toBe(true)
    await waitFor(() => expect(drawnRows()).toHaveLength(4))

    await user.click(wrapBox())
    expect(localStorage.getItem(RAW_WRAP_KEY)).toBe('false')
    await waitFor(() =>
      expect(drawnRows()).toEqual([
        ['1', LONG],
        ['2', 'short'],
      ]),
    )
  })

  it('a stored value that is not a boolean is ignored: wrapping stays off', async () => {
    localStorage.setItem(RAW_WRAP_KEY, '"yes"')
    render(<RawView client={inPageClient(TEXT)} />)
    expect(wrapBox().checked).toBe(false)
    await waitFor(() => expect(drawnRows()).toHaveLength(2))
  })
})

describe('LinesView', () => {
  it('asks the worker for one layout at a time, then for the one wanted last', async () => {
    const client = inPageClient(TEXT)
    const asked: (number | null)[] = []
    let release = () => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    const answer = client.call.bind(client)
    client.call = async <K extends BodyOp>(op: K, args: BodyCalls[K]['args']) => {
      if (op === 'relayout') {
        asked.push((args as BodyCalls['relayout']['args']).to?.columns ?? null)
        await gate
      }
      return answer(op, args)
    }
    const view = (wrap: boolean) => (
      <LinesView client={client} view="raw" count={2} version="record-1" label="Raw response body" wrap={wrap} />
    )
    const { rerender } = render(view(true))
    await waitFor(() => expect(asked).toEqual([COLUMNS]))
    // While the worker counts, the wish changes three times (a resize passes through widths like this).
    rerender(view(false))
    rerender(view(true))
    rerender(view(false))
    expect(asked).toEqual([COLUMNS])
    release()
    await waitFor(() => expect(asked).toEqual([COLUMNS, null]))
    await waitFor(() =>
      expect(drawnRows()).toEqual([
        ['1', LONG],
        ['2', 'short'],
      ]),
    )
  })

  it('draws the new rows when its version changes, even when the version is an object (a filter applied)', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ id: i, tag: i % 2 ? 'odd' : 'even' }))
    const client = inPageClient(JSON.stringify(rows), 'json')
    const before = client.doc.info(true)
    const view = (info: typeof before) => (
      <LinesView client={client} view="pretty" count={info.prettyLines!} version={info} label="Response body" />
    )
    const { rerender } = render(view(before))
    await waitFor(() => expect(drawnRows('Response body')[2]).toEqual(['3', '    "id": 0,']))

    const after = await act(() => client.call('filter', { expression: '$[?@.tag == "odd"]' }))
    rerender(view(after))
    await waitFor(() => expect(drawnRows('Response body')[2]).toEqual(['3', '    "id": 1,']))
  })
})
