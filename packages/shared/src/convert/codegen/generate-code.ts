import httpsnippet from 'httpsnippet'
import type { RequestSpec } from '../../request-spec.js'
import { generateCurl, type GeneratedCode } from '../curl/export-curl.js'
import { specToHar } from '../har/spec-to-har.js'
import { codeTarget, type CodeTargetId } from './code-targets.js'
import { generatePython } from './python-code.js'
import { generateRealtimeCode } from './realtime-code.js'

/**
 * Code that sends the request (already shaped: inheritance applied, variables resolved or
 * kept, secrets masked by the caller). Python and cURL are Courier's own generators; every
 * other language goes through httpsnippet from the request as HAR.
 */
export function generateCode(spec: RequestSpec, id: CodeTargetId): GeneratedCode & { language: string } {
  const realtime = generateRealtimeCode(spec, id)
  if (realtime) return realtime
  const generated = generateUnsigned(spec, id)
  // curl signs AWS requests itself (--aws-sigv4): that one is signed, not stale.
  const signing = id === 'curl' && spec.auth.type === 'awsv4' ? null : signingNote(spec)
  return signing ? { ...generated, notes: [signing, ...generated.notes] } : generated
}

const SIGNING_HOW: Partial<Record<RequestSpec['auth']['type'], string>> = {
  oauth1: 'OAuth 1.0',
  awsv4: 'AWS Signature',
}

/**
 * A signature covers one timestamp (and nonce) and the exact bytes sent, so a signed header
 * copied into code would be stale at its first run: the code is left unsigned, and says so.
 */
function signingNote(spec: RequestSpec): string | null {
  const how = SIGNING_HOW[spec.auth.type]
  if (!how) return null
  const tool =
    spec.auth.type === 'awsv4'
      ? 'curl --aws-sigv4, botocore’s SigV4Auth or requests-aws4auth'
      : 'requests-oauthlib’s OAuth1 or your OAuth library'
  return `${how}: this code sends the request unsigned. Courier signs every send itself (a new timestamp and nonce each time), so a signature cannot be copied; sign it in your code, for example with ${tool}.`
}

function generateUnsigned(spec: RequestSpec, id: CodeTargetId): GeneratedCode & { language: string } {
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
