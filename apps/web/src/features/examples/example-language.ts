import type { Example } from '@courier/shared'
import type { CodeLanguage } from '../../shared/code-editor/CodeEditor'

/** The Monaco language for an example's body, from its Content-Type header (plain text when none). */
export function exampleLanguage(example: Example): CodeLanguage {
  const type = example.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? ''
  if (/json/i.test(type)) return 'json'
  if (/xml/i.test(type)) return 'xml'
  if (/html/i.test(type)) return 'html'
  if (/javascript/i.test(type)) return 'javascript'
  return 'plaintext'
}
