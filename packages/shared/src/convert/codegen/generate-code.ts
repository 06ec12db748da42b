import httpsnippet from 'httpsnippet'
import type { RequestSpec } from '../../request-spec.js'
import { generateCurl, type GeneratedCode } from '../curl/export-curl.js'
import { specToHar } from '../har/spec-to-har.js'
import { codeTarget, type CodeTargetId } from './code-targets.js'
import { generatePython } from './python-code.js'

/**
 * Code that sends the request (already shaped: inheritance applied, variables resolved or
 * kept, secrets masked by the caller). Python and cURL are Courier's own generators; every
 * other language goes through httpsnippet from the request as HAR.
 */
export function generateCode(spec: RequestSpec, id: CodeTargetId): GeneratedCode & { language: string } {
  const target = codeTarget(id)
  if (id === 'python-requests' || id === 'python-httpx')
    return { ...generatePython(spec, id === 'python-requests' ? 'requests' : 'httpx'), language: target.language }
  if (id === 'curl') return { ...generateCurl(spec), language: target.language }
  const { request, notes } = specToHar(spec)
  if (request.postData?.params) {
    // httpsnippet reads `value` of every param; file parts have none (their bytes are on disk).
    request.postData.params = request.postData.params.map((p) => ({ ...p, value: p.value ?? '' }))
  }
  const [snippetTarget, client] = (target as { snippet: readonly [string, string] }).snippet
  const snippet = new httpsnippet.HTTPSnippet(request as never)
  const output = snippet.convert(snippetTarget as never, client)
  const code = Array.isArray(output) ? output.join('\n\n') : String(output || '')
  if (spec.body.kind === 'multipart' && spec.body.parts.some((p) => p.kind === 'file'))
    notes.push('File parts name the file; the generated code may need a path to it.')
  return { code: code.endsWith('\n') ? code : `${code}\n`, notes, language: target.language }
}
