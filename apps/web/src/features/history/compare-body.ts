import { isJsonContentType, type HistoryEntry } from '@courier/shared'
import { fetchBody } from '../../shared/api/fetch-body'

/** A kept response body as text to compare (JSON pretty-printed); a binary or lost body as a sentence. */
export async function bodyText(entry: HistoryEntry): Promise<string> {
  const body = entry.response.body
  if (!body) return ''
  let text = body.inline
  if (text === null) {
    if (!body.isText) return `(binary body, ${body.size} bytes)`
    text = await fetchBody(body.url).then(
      (response) => response.text(),
      (error: Error) => `(${error.message})`,
    )
  }
  if (!isJsonContentType(body.contentType)) return text
  try {
    return JSON.stringify(JSON.parse(text), null, 2)
  } catch {
    return text
  }
}
