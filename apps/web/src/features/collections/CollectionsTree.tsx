import type { CollectionItem, Removed } from '@courier/shared'
import { useQuery } from '@tanstack/react-query'
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { methodTone } from '../../shared/format/method-tone'
import { Menu } from '../../shared/ui/Menu'
import { parseStrings, useStoredState } from '../../shared/ui/use-stored-state'
import { collectionsOptions } from './collection-queries'
import { allIds, buildTree, filterTree, pathTo, visibleRows, type TreeNode } from './tree-model'
import { treeKeyDown } from './tree-keys'
import { treeMenuItems } from './tree-menu'
import { useTreeActions } from './use-tree-actions'
import { useTreeDrop } from './use-tree-drop'
import './collections.css'

export type TreeEvents = {
  /** Open a saved request in a tab (a new one when asked). */
  onOpenRequest: (item: Extract<CollectionItem, { kind: 'request' }>, newTab: boolean) => void
  /** Open the settings (variables, headers, auth) of a collection or folder. */
  onOpenSettings: (target: { kind: 'collection' | 'folder'; id: string }) => void
  onMoveRequest: (node: TreeNode) => void
  /** Open the History (versions) of a collection, folder or request. */
  onShowVersions?: (target: { kind: 'collection' | 'item'; id: string; name: string }) => void
  onRemoved: (removed: Removed, label: string) => void
  onRenamed: (itemId: string, name: string, fromVersion: number, toVersion: number) => void
  /** Import collections and environments (the Import dialog). */
  onImport?: () => void
  /** Export a collection or folder (the Export dialog). */
  onExport?: (target: { collectionId: string; folderId?: string; name: string }) => void
  /** Team mode: copy a collection into another workspace. */
  onCopyToWorkspace?: (target: { collectionId: string; name: string }) => void
  /** Open the runner for a collection or one of its folders. */
  onRun?: (target: { collectionId: string; folderId?: string; name: string }) => void
}

type CollectionsTreeProps = TreeEvents & {
  activeItemId: string | null
  /** A collection to show expanded (one just imported). */
  expandId?: string | null
  /** A request to reveal: its folders opened, scrolled to (one just saved); a new object reveals again. */
  revealId?: { id: string } | null
}

/** The Collections sidebar: an ARIA tree of collections, folders and saved requests. */
export function CollectionsTree({
  activeItemId,
  onOpenRequest,
  onOpenSettings,
  onMoveRequest,
  onShowVersions,
  onRemoved,
  onRenamed,
  onImport,
  onExport,
  onCopyToWorkspace,
  onRun,
  expandId,
  revealId,
}: CollectionsTreeProps) {
  const { data, isPending, error } = useQuery(collectionsOptions())
  // Kept in this browser: the folders stay open across reloads and a visit to History.
  const [expandedIds, setExpandedIds] = useStoredState<string[]>('courier.tree.expanded', [], parseStrings)
  const expanded = useMemo(() => new Set(expandedIds), [expandedIds])
  const setExpanded = useCallback(
    (update: (current: Set<string>) => Set<string>) => setExpandedIds((current) => [...update(new Set(current))]),
    [setExpandedIds],
  )
  const [focusId, setFocusId] = useState<string | null>(null)
  const [renaming, setRenaming] = useState<string | null>(null)
  const [menuFor, setMenuFor] = useState<string | null>(null)
  const [filter, setFilter] = useState('')

  const tree = useMemo(() => buildTree(data ?? []), [data])
  const shownTree = useMemo(() => filterTree(tree, filter), [tree, filter])
  // While filtering, every match is shown with its folders open.
  const allExpanded = useMemo(
    () => (filter.trim() ? new Set(allIds(shownTree)) : expanded),
    [filter, shownTree, expanded],
  )
  const rows = useMemo(() => visibleRows(shownTree, allExpanded), [shownTree, allExpanded])

  const expand = (id: string, open = true) =>
    setExpanded((current) => {
      const next = new Set(current)
      if (open) next.add(id)
      else next.delete(id)
      return next
    })

  useEffect(() => {
    if (expandId) setExpanded((current) => new Set([...current, expandId]))
  }, [expandId, setExpanded])

  const reveal = (id: string) => setExpanded((current) => new Set([...current, ...pathTo(tree, id).slice(0, -1)]))

  // Once the saved request is in the tree (a new one arrives with the refetch), open its folders and scroll to it.
  const revealedFor = useRef<{ id: string } | null>(null)
  const scrollTo = useRef<string | null>(null)
  useEffect(() => {
    if (!revealId || revealedFor.current === revealId || pathTo(tree, revealId.id).length === 0) return
    revealedFor.current = revealId
    scrollTo.current = revealId.id
    setFilter('')
    reveal(revealId.id)
    setFocusId(revealId.id)
  }, [revealId, tree]) // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    const row = scrollTo.current && document.getElementById(`tree-${scrollTo.current}`)
    if (!row) return
    scrollTo.current = null
    row.scrollIntoView({ block: 'nearest' })
  }, [rows])
  const {
    createCollection,
    duplicateCollection,
    duplicateItem,
    moveItem,
    addRequest,
    addFolder,
    rename,
    remove,
    siblingsOf,
    moveBy,
  } = useTreeActions({
    tree,
    expand,
    reveal,
    setRenaming,
    onOpenRequest,
    onRemoved,
    onRenamed,
  })

  const { drop, onDragStart, onDragOver, onDragLeave, onDrop, onDragEnd } = useTreeDrop({
    tree,
    expand,
    moveItem,
    siblingsOf,
  })

  const menuItems = (node: TreeNode) =>
    treeMenuItems(
      node,
      {
        addRequest,
        addFolder,
        remove,
        startRename: setRenaming,
        duplicate: (target) => (target.kind === 'collection' ? duplicateCollection : duplicateItem).mutate(target.id),
      },
      { onOpenRequest, onOpenSettings, onMoveRequest, onExport, onCopyToWorkspace, onShowVersions, onRun },
    )

  const activate = (node: TreeNode) => {
    if (node.kind === 'request' && node.item.kind === 'request') onOpenRequest(node.item, false)
    else expand(node.id, !allExpanded.has(node.id))
  }

  const onKeyDown = (event: KeyboardEvent, node: TreeNode, index: number) => {
    if (renaming) return
    treeKeyDown(event, node, index, { rows, allExpanded, expand, activate, moveBy, remove, setFocusId, setRenaming })
  }

  return (
    <nav className="collections" aria-label="Collections">
      <div className="sidebar__header">
        <h2 className="visually-hidden">Collections</h2>
        <button
          type="button"
          className="link-button"
          onClick={() =>
            createCollection.mutate('New collection', { onSuccess: (c) => (expand(c.id), setRenaming(c.id)) })
          }
        >
          New collection
        </button>
        {onImport ? (
          <button type="button" className="link-button" onClick={onImport}>
            Import
          </button>
        ) : null}
      </div>
      {tree.length > 0 ? (
        <div className="sidebar__search">
          <input
            type="search"
            aria-label="Filter collections"
            placeholder="Filter requests"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
          />
        </div>
      ) : null}
      {isPending ? <p className="sidebar__empty">Loading…</p> : null}
      {error ? (
        <p className="sidebar__empty sidebar__empty--error" role="alert">
          {error.message}
        </p>
      ) : null}
      {data && data.length === 0 ? (
        <div className="sidebar__empty">
          <p>No collections yet.</p>
          <p className="hint">Keep requests you use again in collections: save the current one with Ctrl+S.</p>
        </div>
      ) : null}
      {rows.length > 0 ? (
        <ul role="tree" aria-label="Collections tree" className="tree">
          {rows.map((node, index) => {
            const isOpen = allExpanded.has(node.id)
            const hasChildren = node.kind !== 'request'
            const isActive = node.kind === 'request' && node.id === activeItemId
            const hint = drop?.id === node.id ? drop.where : null
            return (
              <li
                key={node.id}
                role="treeitem"
                id={`tree-${node.id}`}
                aria-level={node.depth + 1}
                aria-expanded={hasChildren ? isOpen : undefined}
                aria-selected={isActive}
                aria-label={
                  node.kind === 'request' && node.item.kind === 'request'
                    ? `${node.item.request.method} ${node.name}`
                    : node.name
                }
                tabIndex={(focusId ?? rows[0]?.id) === node.id ? 0 : -1}
                className={`tree__row tree__row--${node.kind}${isActive ? ' is-active' : ''}${hint ? ` tree__row--drop-${hint}` : ''}`}
                style={{ paddingLeft: 8 + node.depth * 14 }}
                draggable={node.kind !== 'collection' && renaming !== node.id}
                onDragStart={(event) => onDragStart(event, node)}
                onDragOver={(event) => onDragOver(event, node)}
                onDragLeave={() => onDragLeave(node)}
                onDrop={(event) => onDrop(event, node)}
                onDragEnd={onDragEnd}
                onFocus={() => setFocusId(node.id)}
                onKeyDown={(event) => event.target === event.currentTarget && onKeyDown(event, node, index)}
                onClick={() => {
                  setFocusId(node.id)
                  activate(node)
                }}
              >
                <span className="tree__chevron" aria-hidden="true">
                  {hasChildren ? (isOpen ? '▾' : '▸') : ''}
                </span>
                {node.kind === 'request' && node.item.kind === 'request' ? (
                  <span className={`tree__method ${methodTone(node.item.request.method)}`}>
                    {node.item.request.method}
                  </span>
                ) : (
                  <span className={`tree__icon tree__icon--${node.kind}`} aria-hidden="true" />
                )}
                {renaming === node.id ? (
                  <input
                    className="tree__rename"
                    aria-label={`New name for ${node.name}`}
                    defaultValue={node.name}
                    autoFocus
                    onFocus={(event) => event.target.select()}
                    onClick={(event) => event.stopPropagation()}
                    onKeyDown={(event) => {
                      event.stopPropagation()
                      if (event.key === 'Enter') rename(node, event.currentTarget.value)
                      if (event.key === 'Escape') setRenaming(null)
                    }}
                    onBlur={(event) => rename(node, event.currentTarget.value)}
                  />
                ) : (
                  <span className="tree__name" title={node.name}>
                    {node.name}
                  </span>
                )}
                <span className="tree__actions">
                  <button
                    type="button"
                    className="icon-button tree__menu-button"
                    aria-label={`Actions for ${node.name}`}
                    aria-haspopup="menu"
                    aria-expanded={menuFor === node.id}
                    tabIndex={-1}
                    onClick={(event) => {
                      event.stopPropagation()
                      setMenuFor(menuFor === node.id ? null : node.id)
                    }}
                  >
                    ⋯
                  </button>
                  {menuFor === node.id ? (
                    <Menu label={`Actions for ${node.name}`} items={menuItems(node)} onClose={() => setMenuFor(null)} />
                  ) : null}
                </span>
              </li>
            )
          })}
        </ul>
      ) : null}
      {data && data.length > 0 && rows.length === 0 ? (
        <p className="sidebar__empty">Nothing matches “{filter}”.</p>
      ) : null}
    </nav>
  )
}
