import type { BodyDescriptor } from '@courier/shared'
import { useQuery } from '@tanstack/react-query'
import { fetchBody } from '../../../shared/api/fetch-body'

/** A stored body as text: the record's inline text, else read from the body store once. */
export function useBodyText(recordId: string, body: BodyDescriptor) {
  const stored = useQuery({
    queryKey: ['response-body-text', recordId, body.url],
    queryFn: async ({ signal }) => (await fetchBody(body.url, { signal })).text(),
    enabled: body.inline === null,
    staleTime: Infinity,
  })
  if (body.inline !== null) return { text: body.inline, error: null }
  return { text: stored.data ?? null, error: stored.error }
}
