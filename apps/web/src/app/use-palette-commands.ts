import type { CollectionTree, HistorySummary, SavedRequestItem } from '@courier/shared'
import { useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { collectionsOptions } from '../features/collections'
import type { Command } from '../features/command-palette'
import { environmentsOptions } from '../features/environments'
import { historyListOptions } from '../features/history'
import { buildCommands } from './build-commands'

type PaletteSources = {
  /** The palette is open: only then are its commands built (and recent history fetched). */
  open: boolean
  actions: { label: string; run: () => void; detail?: string }[]
  openRequest: (item: SavedRequestItem) => void
  useEnvironment: (id: string | null) => void
  openHistory: (entry: HistorySummary) => void
  runCollection?: (collection: CollectionTree) => void
}

/** The command palette's commands: the app's actions, saved requests, environments and recent history. */
export function usePaletteCommands({
  open,
  actions,
  openRequest,
  useEnvironment,
  openHistory,
  runCollection,
}: PaletteSources): Command[] {
  const collections = useQuery(collectionsOptions())
  const environments = useQuery(environmentsOptions())
  const recentHistory = useQuery({ ...historyListOptions({ limit: 100 }), enabled: open })
  const commands = useMemo(
    () =>
      open
        ? buildCommands({
            collections: collections.data ?? [],
            environments: environments.data ?? [],
            history: recentHistory.data?.items ?? [],
            actions,
            openRequest,
            useEnvironment,
            openHistory,
            runCollection,
          })
        : [],
    [
      open,
      collections.data,
      environments.data,
      recentHistory.data,
      actions,
      openRequest,
      useEnvironment,
      openHistory,
      runCollection,
    ],
  )
  return commands
}
