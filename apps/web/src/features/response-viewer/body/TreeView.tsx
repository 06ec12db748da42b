import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef, useState } from 'react'
import { copyText } from '../copy-text'
import type { BodyClient } from './body-client'
import type { TreeRow } from './json-tree'
import { useRemoteBlocks } from './use-remote-blocks'

const ROW_HEIGHT = 24

type TreeViewProps = { client: BodyClient; initialCount: number; version: unknown; onCopied: (what: string) => void }

/** The JSON as an expandable tree, virtualised: a million rows cost as much as thirty. */
export function TreeView({ client, initialCount, version, onCopied }: TreeViewProps) {
  const scroller = useRef<HTMLDivElement>(null)
  const [count, setCount] = useState(initialCount)
  const [shape, setShape] = useState(0) // bumped on every expand/collapse
  useEffect(() => {
    setCount(initialCount)
    setShape((n) => n + 1)
  }, [initialCount, version])

  const blocks = useRemoteBlocks<TreeRow>((from, to) => client.call('rows', { from, to }), `${String(version)}:${shape}`)
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 20 })
  const items = virtualizer.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = items.at(-1)?.index ?? 0
  useEffect(() => {
    if (count > 0) blocks.want(first, last + 1)
  }, [blocks, first, last, count, shape])

  const toggle = async (index: number) => {
    const next = await client.call('toggle', { index })
    setCount(next)
    setShape((n) => n + 1)
  }
  const copy = async (index: number, what: 'path' | 'value') => {
    const text = await client.call(what, { index })
    await copyText(text)
    onCopied(what === 'path' ? `Copied ${text}` : 'Copied the value')
  }

  return (
    <div ref={scroller} className="tree-view" role="tree" aria-label="JSON tree" tabIndex={-1}>
      <div className="tree-view__sizer" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = blocks.get(item.index)
          const container = row && (row.type === 'object' || row.type === 'array')
          return (
            <div
              key={item.key}
              role="treeitem"
              aria-level={row ? row.depth + 1 : undefined}
              aria-expanded={container && row.childCount > 0 ? row.expanded : undefined}
              aria-selected={false}
              className="tree-view__row"
              style={{ transform: `translateY(${item.start}px)`, paddingLeft: row ? 8 + row.depth * 16 : 8 }}
            >
              {row ? (
                <>
                  {container && row.childCount > 0 ? (
                    <button
                      type="button"
                      className="tree-view__toggle"
                      aria-label={`${row.expanded ? 'Collapse' : 'Expand'} ${row.key ?? 'root'}`}
                      onClick={() => void toggle(item.index)}
                    >
                      {row.expanded ? '▾' : '▸'}
                    </button>
                  ) : (
                    <span className="tree-view__spacer" />
                  )}
                  <span className="tree-view__key">{row.key ?? '$'}</span>
                  <span className={`tree-view__value tree-view__value--${row.type}`}>{row.preview}</span>
                  <span className="tree-view__actions">
                    <button type="button" className="tree-view__action" onClick={() => void copy(item.index, 'path')} aria-label={`Copy path of ${row.key ?? 'root'}`}>
                      Copy path
                    </button>
                    <button type="button" className="tree-view__action" onClick={() => void copy(item.index, 'value')} aria-label={`Copy value of ${row.key ?? 'root'}`}>
                      Copy value
                    </button>
                  </span>
                </>
              ) : null}
            </div>
          )
        })}
      </div>
    </div>
  )
}
