import { SecretBox } from '../secrets/secret-box.js'

type WithInline = { body?: { inline?: string | null } | null }

/**
 * The inline copy of a small response body (a login answer's token, an echoed secret) is sealed
 * in the history row like the body file is on disk; rows written before sealing open as they are.
 */
export function sealInlineBody<T extends WithInline>(response: T, box: SecretBox): T {
  const inline = response.body?.inline
  if (typeof inline !== 'string') return response
  return { ...response, body: { ...response.body, inline: box.seal(inline) } }
}

export function openInlineBody<T extends WithInline>(response: T, box: SecretBox): T {
  const inline = response.body?.inline
  if (typeof inline !== 'string' || !SecretBox.isSealed(inline)) return response
  let opened: string
  try {
    opened = box.open(inline)
  } catch {
    return response // a body from before sealing that happens to look sealed: shown as it is
  }
  return { ...response, body: { ...response.body, inline: opened } }
}
