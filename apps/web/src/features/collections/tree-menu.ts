import type { MenuItem } from '../../shared/ui/Menu'
import type { TreeEvents } from './CollectionsTree'
import type { TreeNode } from './tree-model'

type MenuActions = {
  addRequest: (collectionId: string, parentId: string | null) => void
  addFolder: (collectionId: string, parentId: string | null) => void
  remove: (node: TreeNode) => void
  startRename: (id: string) => void
  duplicate: (node: TreeNode) => void
}
type MenuEvents = Pick<
  TreeEvents,
  'onOpenRequest' | 'onOpenSettings' | 'onMoveRequest' | 'onExport' | 'onCopyToWorkspace' | 'onShowVersions' | 'onRun'
>

/** A tree row's action menu: what a collection, a folder and a request offer. */
export function treeMenuItems(node: TreeNode, actions: MenuActions, events: MenuEvents): MenuItem[] {
  const { onExport } = events
  const { onShowVersions, onRun } = events
  const common = (extra: MenuItem[]): MenuItem[] => [
    ...extra,
    { label: 'Rename', run: () => actions.startRename(node.id) },
    ...(onShowVersions
      ? [
          {
            label: 'History…',
            run: () =>
              onShowVersions({
                kind: node.kind === 'collection' ? 'collection' : 'item',
                id: node.id,
                name: node.name,
              }),
          },
        ]
      : []),
  ]
  if (node.kind === 'collection') {
    return [
      ...common([
        { label: 'New request', run: () => actions.addRequest(node.id, null) },
        { label: 'New folder', run: () => actions.addFolder(node.id, null) },
        ...(onRun ? [{ label: 'Run collection', run: () => onRun({ collectionId: node.id, name: node.name }) }] : []),
      ]),
      { label: 'Settings…', run: () => events.onOpenSettings({ kind: 'collection', id: node.id }) },
      ...(onExport ? [{ label: 'Export…', run: () => onExport({ collectionId: node.id, name: node.name }) }] : []),
      ...(events.onCopyToWorkspace
        ? [
            {
              label: 'Copy to workspace…',
              run: () => events.onCopyToWorkspace?.({ collectionId: node.id, name: node.name }),
            },
          ]
        : []),
      { label: 'Duplicate', run: () => actions.duplicate(node) },
      { label: 'Delete', danger: true, run: () => actions.remove(node) },
    ]
  }
  if (node.kind === 'folder') {
    return [
      ...common([
        { label: 'New request', run: () => actions.addRequest(node.collectionId, node.id) },
        { label: 'New folder', run: () => actions.addFolder(node.collectionId, node.id) },
        ...(onRun
          ? [
              {
                label: 'Run folder',
                run: () => onRun({ collectionId: node.collectionId, folderId: node.id, name: node.name }),
              },
            ]
          : []),
      ]),
      { label: 'Settings…', run: () => events.onOpenSettings({ kind: 'folder', id: node.id }) },
      ...(onExport
        ? [
            {
              label: 'Export…',
              run: () => onExport({ collectionId: node.collectionId, folderId: node.id, name: node.name }),
            },
          ]
        : []),
      { label: 'Duplicate', run: () => actions.duplicate(node) },
      { label: 'Move to…', run: () => events.onMoveRequest(node) },
      { label: 'Delete', danger: true, run: () => actions.remove(node) },
    ]
  }
  return [
    { label: 'Open in new tab', run: () => node.item.kind === 'request' && events.onOpenRequest(node.item, true) },
    ...common([]),
    { label: 'Duplicate', run: () => actions.duplicate(node) },
    { label: 'Move to…', run: () => events.onMoveRequest(node) },
    { label: 'Delete', danger: true, run: () => actions.remove(node) },
  ]
}
