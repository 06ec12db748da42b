import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import { copyText } from '../../../shared/ui/copy-text'
import type { BodyClient } from './body-client'
import type { TreeRow } from './json-tree'
import { treeMove } from './tree-nav'
import { useBlockVirtualizer } from './use-block-virtualizer'
import { useRemoteBlocks } from './use-remote-blocks'
import './virtual-view.css'
import './tree-view.css'

const ROW_HEIGHT = 24

type RowProps = {
  id: string
  active: boolean
  row: TreeRow | undefined
  onToggle: () => void
  onCopy: (what: 'path' | 'value') => void
}

// The tree is one Tab stop (aria-activedescendant); buttons inside rows are for the mouse.
function TreeRowView({ id, active, row, onToggle, onCopy }: RowProps) {
  if (!row)
    return <div id={id} role="treeitem" aria-label="Loading" aria-selected={active} className="tree-view__row" />
  const name = row.key ?? 'root'
  const openable = (row.type === 'object' || row.type === 'array') && row.childCount > 0
  return (
    <div
      id={id}
      role="treeitem"
      aria-label={`${row.key ?? '$'}: ${row.preview}`}
      aria-level={row.depth + 1}
      aria-expanded={openable ? row.expanded : undefined}
      aria-selected={active}
      className={`tree-view__row${active ? ' is-active' : ''}`}
      style={{ paddingLeft: 8 + row.depth * 16 }}
    >
      {openable ? (
        <button
          type="button"
          className="tree-view__toggle"
          tabIndex={-1}
          aria-label={`${row.expanded ? 'Collapse' : 'Expand'} ${name}`}
          onClick={onToggle}
        >
          {row.expanded ? '▾' : '▸'}
        </button>
      ) : (
        <span className="tree-view__spacer" />
      )}
      <span className="tree-view__key">{row.key ?? '$'}</span>
      <span className={`tree-view__value tree-view__value--${row.type}`}>{row.preview}</span>
      <span className="tree-view__actions">
        <button
          type="button"
          className="tree-view__action"
          tabIndex={-1}
          onClick={() => onCopy('path')}
          aria-label={`Copy path of ${name}`}
        >
          Copy path
        </button>
        <button
          type="button"
          className="tree-view__action"
          tabIndex={-1}
          onClick={() => onCopy('value')}
          aria-label={`Copy value of ${name}`}
        >
          Copy value
        </button>
      </span>
    </div>
  )
}

type TreeViewProps = { client: BodyClient; initialCount: number; version: unknown; onCopied: (what: string) => void }

/** The JSON as an expandable tree, virtualised: a million rows cost as much as thirty. */
export function TreeView({ client, initialCount, version, onCopied }: TreeViewProps) {
  const scroller = useRef<HTMLDivElement>(null)
  const [count, setCount] = useState(initialCount)
  const [shape, setShape] = useState(0) // bumped on every expand/collapse
  const [active, setActive] = useState(0)
  const idBase = useId()
  const rowId = (index: number) => `${idBase}-row-${index}`
  useEffect(() => {
    setCount(initialCount)
    setShape((n) => n + 1)
    setActive(0)
  }, [initialCount, version])

  const rows = useRemoteBlocks<TreeRow>((from, to) => client.call('rows', { from, to }), `${String(version)}:${shape}`)
  const { items, height, first, last } = useBlockVirtualizer(count, ROW_HEIGHT, scroller)
  useEffect(() => {
    if (count > 0) rows.want(first, last)
  }, [rows, first, last, count, shape])

  const toggle = async (index: number) => {
    const next = await client.call('toggle', { index })
    setCount(next)
    setShape((n) => n + 1)
    setActive(index) // the row toggled stays where the keyboard is
  }
  /** Scrolls just enough to show row `index` (the scrollbar may be scaled for huge trees). */
  const reveal = (index: number) => {
    const el = scroller.current
    if (!el) return
    const view = el.clientHeight
    const total = count * ROW_HEIGHT
    const scale = total > el.scrollHeight && el.scrollHeight > view ? (total - view) / (el.scrollHeight - view) : 1
    const top = index * ROW_HEIGHT
    const shown = el.scrollTop * scale
    if (top < shown) el.scrollTop = top / scale
    else if (top + ROW_HEIGHT > shown + view) el.scrollTop = (top + ROW_HEIGHT - view) / scale
  }
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget || count === 0) return
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT) / ROW_HEIGHT) - 1)
    const move = treeMove(event.key, active, count, page, (index) => rows.get(index))
    if (!move) return
    event.preventDefault()
    if ('toggle' in move) return void toggle(move.toggle)
    setActive(move.to)
    reveal(move.to)
  }
  const copy = async (index: number, what: 'path' | 'value') => {
    const text = await client.call(what, { index })
    await copyText(text)
    onCopied(what === 'path' ? `Copied ${text}` : 'Copied the value')
  }

  return (
    <div
      ref={scroller}
      className="tree-view"
      role="tree"
      aria-label="JSON tree"
      tabIndex={0}
      aria-activedescendant={count > 0 ? rowId(Math.min(active, count - 1)) : undefined}
      onKeyDown={onKeyDown}
    >
      <div className="tree-view__sizer" style={{ height }}>
        {items.map((block) => (
          <div key={block.key} className="tree-view__block" style={{ transform: `translateY(${block.top}px)` }}>
            {Array.from({ length: block.rowCount }, (_, offset) => {
              const index = block.firstRow + offset
              return (
                <TreeRowView
                  key={offset}
                  id={rowId(index)}
                  active={index === active}
                  row={rows.get(index)}
                  onToggle={() => void toggle(index)}
                  onCopy={(what) => void copy(index, what)}
                />
              )
            })}
          </div>
        ))}
      </div>
    </div>
  )
}
