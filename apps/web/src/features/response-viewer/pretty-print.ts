import { isJsonContentType, mediaTypeOf } from '@courier/shared'
import type { CodeLanguage } from '../../shared/code-editor/CodeEditor'

/** The editor language for a response's content type. */
export function languageFor(contentType: string | null): CodeLanguage {
  const type = mediaTypeOf(contentType)
  if (isJsonContentType(type)) return 'json'
  if (type.endsWith('xml')) return 'xml'
  if (type === 'text/html') return 'html'
  if (type.includes('javascript')) return 'javascript'
  if (type.includes('yaml')) return 'yaml'
  if (type === 'text/css') return 'css'
  return 'plaintext'
}

/** JSON indented by two spaces; anything that does not parse is shown as it came. */
export function prettyText(text: string, language: CodeLanguage): string {
  if (language !== 'json') return text
  try {
    return JSON.stringify(JSON.parse(text), null, 2)
  } catch {
    return text
  }
}
