import type { ResponseRecord } from '@courier/shared'
import { isJsonContentType, mediaTypeOf } from '@courier/shared'
import { useEffect, useState } from 'react'
import { pageToken } from '../../../shared/api/proxy-client'
import { BodyClient, type BodyProgress } from './body-client'
import type { BodyKind, DocumentInfo } from './body-document'

export type BodyDocumentState =
  | { status: 'idle' }
  | { status: 'loading'; progress: BodyProgress | null }
  | { status: 'ready'; client: BodyClient; info: DocumentInfo; setInfo: (info: DocumentInfo) => void }
  | { status: 'error'; message: string }

export function bodyKind(contentType: string | null): BodyKind {
  if (isJsonContentType(contentType)) return 'json'
  if (mediaTypeOf(contentType).endsWith('xml')) return 'xml'
  return 'text'
}

/**
 * Opens the record's textual body in its own worker (inline text, or streamed from the body
 * store) and closes the worker when the record changes or the view goes away.
 */
export function useBodyDocument(record: ResponseRecord, enabled: boolean): BodyDocumentState {
  const [state, setState] = useState<BodyDocumentState>({ status: 'idle' })
  const body = record.body

  useEffect(() => {
    if (!enabled || !body || !body.isText) {
      setState({ status: 'idle' })
      return
    }
    let live = true
    // Progress arrives every 100 ms at most; the page only repaints a bar.
    const client = new BodyClient((progress) => live && setState({ status: 'loading', progress }))
    setState({ status: 'loading', progress: null })
    const setInfo = (info: DocumentInfo) => live && setState({ status: 'ready', client, info, setInfo })
    client
      .call('load', {
        source:
          body.inline !== null
            ? { kind: 'inline', text: body.inline }
            : { kind: 'url', url: new URL(body.url, location.href).href, token: pageToken(), expectedBytes: body.size },
        kind: bodyKind(body.contentType),
      })
      .then(setInfo, (error: Error) => live && setState({ status: 'error', message: error.message }))
    return () => {
      live = false
      client.dispose()
    }
  }, [record.id, enabled, body])

  return state
}
