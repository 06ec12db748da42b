import type { Frame } from '@courier/shared'
import { act, render, screen } from '@testing-library/react'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSessionStore } from './session-store'
import { Timeline } from './Timeline'

// jsdom lays nothing out: the timeline is given a box 400 px high and 600 px wide.
const restore: (() => void)[] = []
function fake(name: 'clientHeight' | 'offsetHeight' | 'getBoundingClientRect', descriptor: PropertyDescriptor) {
  const original =
    Object.getOwnPropertyDescriptor(HTMLElement.prototype, name) ??
    Object.getOwnPropertyDescriptor(Element.prototype, name)!
  Object.defineProperty(HTMLElement.prototype, name, { configurable: true, ...descriptor })
  restore.push(() => Object.defineProperty(HTMLElement.prototype, name, original))
}
const isBox = (el: HTMLElement) => el.classList.contains('realtime-timeline')
beforeAll(() => {
  const height = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetHeight')!
  fake('offsetHeight', {
    get(this: HTMLElement) {
      return isBox(this) ? 400 : (height.get!.call(this) as number)
    },
  })
  fake('clientHeight', {
    get(this: HTMLElement) {
      return isBox(this) ? 400 : 0
    },
  })
  const rect = Element.prototype.getBoundingClientRect
  fake('getBoundingClientRect', {
    value(this: HTMLElement) {
      return isBox(this) ? new DOMRect(0, 0, 600, 400) : rect.call(this)
    },
  })
})
afterAll(() => restore.forEach((undo) => undo()))

function frames(from: number, count: number): Frame[] {
  return Array.from({ length: count }, (_, i) => ({
    seq: from + i,
    at: 1_700_000_000_000 + i,
    dir: i % 2 ? 'in' : 'out',
    type: 'text',
    size: 12,
    data: `message ${from + i}`,
    encoding: 'utf8',
  }))
}

describe('Timeline', () => {
  it('draws 100,000 frames as a window of rows, quickly, also as more arrive', () => {
    const store = createSessionStore()
    store.appendFrames(frames(1, 100_000))
    const view = (snapshot = store.getSnapshot()) => (
      <Timeline
        frames={snapshot.frames}
        visible={null}
        version={snapshot.version}
        selectedSeq={null}
        onSelect={() => {}}
      />
    )
    const started = performance.now()
    const { rerender } = render(view())
    const took = performance.now() - started
    expect(took).toBeLessThan(1500)
    const rows = screen.getAllByRole('option')
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.length).toBeLessThan(100)
    // (Following the newest frame needs real scrolling: the e2e spec checks it.)
    expect(screen.getAllByText(/^message \d+$/).length).toBe(rows.length)

    act(() => store.appendFrames(frames(100_001, 50)))
    rerender(view())
    expect(store.getSnapshot().frames).toHaveLength(100_050)
    expect(screen.getAllByRole('option').length).toBeLessThan(100)
  })

  it('shows only the filtered frames, with the direction as text', () => {
    const all = frames(1, 10)
    render(<Timeline frames={all} visible={[1, 3]} version={1} selectedSeq={2} onSelect={() => {}} />)
    const rows = screen.getAllByRole('option')
    expect(rows).toHaveLength(2)
    expect(rows[0]!.textContent).toContain('Received')
    expect(rows[0]!.getAttribute('aria-selected')).toBe('true')
  })
})
