import { isJsonContentType, mediaTypeOf } from '@courier/shared'
import type { CodeLanguage } from '../../shared/code-editor/CodeEditor'
import type { BodyKind } from './body/body-document'

/** The editor language for a response's content type (or what the body turned out to be). */
export function languageFor(contentType: string | null, kind?: BodyKind): CodeLanguage {
  const type = mediaTypeOf(contentType)
  if (kind === 'json' || isJsonContentType(type)) return 'json'
  if (type.endsWith('xml')) return 'xml'
  if (type === 'text/html') return 'html'
  if (type.includes('javascript')) return 'javascript'
  if (type.includes('yaml')) return 'yaml'
  if (type === 'text/css') return 'css'
  return 'plaintext'
}
