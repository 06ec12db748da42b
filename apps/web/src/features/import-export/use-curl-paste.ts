import { looksLikeCurl, type RequestSpec } from '@courier/shared'
import { useCallback } from 'react'
import { parseCurlCommand } from './import-export-queries'

/**
 * The URL field's paste of `curl …`: the server parses it (the same parser as imports) and
 * the whole request is loaded into the tab; what cURL options could not carry is said.
 */
export function useCurlPaste(
  load: (spec: RequestSpec) => void,
  notify: (text: string) => void,
): (text: string) => boolean {
  return useCallback(
    (text: string) => {
      if (!looksLikeCurl(text)) return false
      parseCurlCommand(text)
        .then(({ request, problems }) => {
          load(request)
          notify(
            problems.length
              ? `Filled in from cURL. Not carried over: ${problems.map((p) => p.what).join(', ')}.`
              : 'Filled in from the cURL command.',
          )
        })
        .catch((error: Error) => notify(`That cURL command could not be read: ${error.message}`))
      return true
    },
    [load, notify],
  )
}
