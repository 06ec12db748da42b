import {
  GLOBALS_ID,
  type CollectionTree,
  type Environment,
  type HistorySummary,
  type SavedRequestItem,
} from '@courier/shared'
import type { Command } from '../features/command-palette'

type CommandSources = {
  collections: CollectionTree[]
  environments: Environment[]
  history: HistorySummary[]
  actions: { label: string; run: () => void; detail?: string }[]
  openRequest: (item: SavedRequestItem) => void
  useEnvironment: (id: string | null) => void
  openHistory: (entry: HistorySummary) => void
  /** Opens the runner's setup for a collection. */
  runCollection?: (collection: CollectionTree) => void
}

/** Everything the palette can jump to, in groups. */
export function buildCommands(sources: CommandSources): Command[] {
  const commands: Command[] = sources.actions.map((action) => ({
    id: `action:${action.label}`,
    group: 'Actions',
    label: action.label,
    detail: action.detail,
    run: action.run,
  }))
  for (const collection of sources.collections) {
    const pathOf = (parentId: string | null): string => {
      const names: string[] = []
      let id = parentId
      while (id) {
        const folder = collection.items.find((i) => i.id === id)
        if (!folder) break
        names.unshift(folder.name)
        id = folder.parentId
      }
      return [collection.name, ...names].join(' / ')
    }
    for (const item of collection.items) {
      if (item.kind !== 'request') continue
      commands.push({
        id: `request:${item.id}`,
        group: 'Requests',
        label: `${item.request.method} ${item.name}`,
        detail: pathOf(item.parentId),
        run: () => sources.openRequest(item),
      })
    }
  }
  const { runCollection } = sources
  if (runCollection)
    for (const collection of sources.collections)
      commands.push({
        id: `run:${collection.id}`,
        group: 'Actions',
        label: `Run collection ${collection.name}`,
        detail: `${collection.items.filter((i) => i.kind === 'request').length} requests`,
        run: () => runCollection(collection),
      })
  commands.push({
    id: 'env:none',
    group: 'Environments',
    label: 'No environment',
    run: () => sources.useEnvironment(null),
  })
  for (const environment of sources.environments.filter((e) => e.id !== GLOBALS_ID)) {
    commands.push({
      id: `env:${environment.id}`,
      group: 'Environments',
      label: `Use ${environment.name}`,
      detail: `${environment.variables.length} variables`,
      run: () => sources.useEnvironment(environment.id),
    })
  }
  for (const entry of sources.history) {
    commands.push({
      id: `history:${entry.id}`,
      group: 'History',
      label: `${entry.method} ${entry.url}`,
      detail: `${entry.status ?? entry.errorCode ?? ''} · ${new Date(entry.createdAt).toLocaleString()}`,
      run: () => sources.openHistory(entry),
    })
  }
  return commands
}
