import type { ResponseRecord } from '@courier/shared'
import { useQuery } from '@tanstack/react-query'
import { pageToken } from '../../shared/api/proxy-client'
import { TOKEN_HEADER } from '@courier/shared'

/** The body as text: inline when small, else streamed from the body store. */
export function useResponseText(record: ResponseRecord) {
  const body = record.body
  return useQuery({
    queryKey: ['response-body', record.id],
    enabled: body !== null && body.isText,
    staleTime: Infinity,
    queryFn: async ({ signal }) => {
      if (!body) return ''
      if (body.inline !== null) return body.inline
      const response = await fetch(body.url, { headers: { [TOKEN_HEADER]: pageToken() }, signal })
      if (!response.ok) throw new Error(`The body could not be loaded (${response.status}).`)
      return response.text()
    },
  })
}
