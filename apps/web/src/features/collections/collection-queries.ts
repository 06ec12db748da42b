import {
  endpoints,
  type CollectionTree,
  type CreateItem,
  type MoveItem,
  type Removed,
  type UpdateCollection,
  type UpdateItem,
} from '@courier/shared'
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import type { FailureSay } from '../../shared/api/mutation-meta'
import { callEndpoint } from '../../shared/api/proxy-client'

export const collectionKeys = { all: ['collections'] as const }

export function collectionsOptions() {
  return queryOptions({
    queryKey: collectionKeys.all,
    queryFn: ({ signal }) => callEndpoint(endpoints.listCollections, {}, signal),
  })
}

/** After a failure the tree is fetched again, so what the person sees is what is saved. */
const NEXT = 'The collections list now shows what is saved; try again from there.'

/** Every mutation refreshes the tree; those that answer the whole tree set it directly. A failure is said by the query client. */
function useCollectionMutation<I, O>(
  run: (input: I) => Promise<O>,
  failure: (input: I) => string,
  say: FailureSay<I> = {},
  answersTree = false,
) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: run,
    // Sent even while the browser says it is offline: a Save that cannot reach Courier fails at
    // once, so its dialog can keep it in the outbox and say so, rather than wait unseen (paused).
    networkMode: 'always',
    meta: { failure: say.failure ?? failure, next: NEXT, shownInline: say.shownInline },
    onSuccess: (result) => {
      if (answersTree) queryClient.setQueryData(collectionKeys.all, result as unknown as CollectionTree[])
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: collectionKeys.all }),
  })
}

type Patch<P> = { id: string; patch: P }

export const useCreateCollection = (say?: FailureSay<string>) =>
  useCollectionMutation(
    (name: string) => callEndpoint(endpoints.createCollection, { body: { name } }),
    (name) => `Could not create the collection “${name}”`,
    say,
  )
export const useUpdateCollection = (say?: FailureSay<Patch<UpdateCollection>>) =>
  useCollectionMutation(
    ({ id, patch }: Patch<UpdateCollection>) =>
      callEndpoint(endpoints.updateCollection, { params: { id }, body: patch }),
    () => 'Could not save the collection',
    say,
  )
export const useDeleteCollection = (say?: FailureSay<string>) =>
  useCollectionMutation(
    (id: string) => callEndpoint(endpoints.deleteCollection, { params: { id } }),
    () => 'Could not delete the collection',
    say,
  )
export const useDuplicateCollection = (say?: FailureSay<string>) =>
  useCollectionMutation(
    (id: string) => callEndpoint(endpoints.duplicateCollection, { params: { id } }),
    () => 'Could not duplicate the collection',
    say,
  )
export const useRestore = (say?: FailureSay<Removed>) =>
  useCollectionMutation(
    (removed: Removed) => callEndpoint(endpoints.restoreRemoved, { body: removed }),
    () => 'Could not undo the delete',
    say,
    true,
  )
export const useCreateItem = (say?: FailureSay<CreateItem>) =>
  useCollectionMutation(
    (item: CreateItem) => callEndpoint(endpoints.createItem, { body: item }),
    (item) => `Could not add the ${item.kind} “${item.name}”`,
    say,
  )
export const useUpdateItem = (say?: FailureSay<Patch<UpdateItem>>) =>
  useCollectionMutation(
    ({ id, patch }: Patch<UpdateItem>) => callEndpoint(endpoints.updateItem, { params: { id }, body: patch }),
    () => 'Could not save the request or folder',
    say,
  )
export const useMoveItem = (say?: FailureSay<{ id: string; move: MoveItem }>) =>
  useCollectionMutation(
    ({ id, move }: { id: string; move: MoveItem }) => callEndpoint(endpoints.moveItem, { params: { id }, body: move }),
    () => 'Could not move the request or folder',
    say,
    true,
  )
export const useDuplicateItem = (say?: FailureSay<string>) =>
  useCollectionMutation(
    (id: string) => callEndpoint(endpoints.duplicateItem, { params: { id } }),
    () => 'Could not duplicate the request or folder',
    say,
    true,
  )
export const useDeleteItem = (say?: FailureSay<string>) =>
  useCollectionMutation(
    (id: string) => callEndpoint(endpoints.deleteItem, { params: { id } }),
    () => 'Could not delete the request or folder',
    say,
  )
