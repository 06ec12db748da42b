import { endpoints, type CollectionTree, type CreateItem, type MoveItem, type Removed, type UpdateCollection, type UpdateItem } from '@courier/shared'
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { callEndpoint } from '../../shared/api/proxy-client'

export const collectionKeys = { all: ['collections'] as const }

export function collectionsOptions() {
  return queryOptions({ queryKey: collectionKeys.all, queryFn: ({ signal }) => callEndpoint(endpoints.listCollections, {}, signal) })
}

/** Every mutation refreshes the tree; those that answer the whole tree set it directly. */
function useCollectionMutation<I, O>(run: (input: I) => Promise<O>, answersTree = false) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: run,
    onSuccess: (result) => {
      if (answersTree) queryClient.setQueryData(collectionKeys.all, result as unknown as CollectionTree[])
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: collectionKeys.all }),
  })
}

export const useCreateCollection = () => useCollectionMutation((name: string) => callEndpoint(endpoints.createCollection, { body: { name } }))
export const useUpdateCollection = () => useCollectionMutation(({ id, patch }: { id: string; patch: UpdateCollection }) => callEndpoint(endpoints.updateCollection, { params: { id }, body: patch }))
export const useDeleteCollection = () => useCollectionMutation((id: string) => callEndpoint(endpoints.deleteCollection, { params: { id } }))
export const useDuplicateCollection = () => useCollectionMutation((id: string) => callEndpoint(endpoints.duplicateCollection, { params: { id } }))
export const useRestore = () => useCollectionMutation((removed: Removed) => callEndpoint(endpoints.restoreRemoved, { body: removed }), true)
export const useCreateItem = () => useCollectionMutation((item: CreateItem) => callEndpoint(endpoints.createItem, { body: item }))
export const useUpdateItem = () => useCollectionMutation(({ id, patch }: { id: string; patch: UpdateItem }) => callEndpoint(endpoints.updateItem, { params: { id }, body: patch }))
export const useMoveItem = () => useCollectionMutation(({ id, move }: { id: string; move: MoveItem }) => callEndpoint(endpoints.moveItem, { params: { id }, body: move }), true)
export const useDuplicateItem = () => useCollectionMutation((id: string) => callEndpoint(endpoints.duplicateItem, { params: { id } }), true)
export const useDeleteItem = () => useCollectionMutation((id: string) => callEndpoint(endpoints.deleteItem, { params: { id } }))
