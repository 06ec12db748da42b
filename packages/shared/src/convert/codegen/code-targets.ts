import { z } from 'zod'

/**
 * Copy-as-code targets. `snippet` names the httpsnippet target and client; the others are
 * Courier's own generators (python-requests, python-httpx, curl).
 */
export const CODE_TARGETS = [
  { id: 'python-requests', label: 'Python · requests', language: 'python' },
  { id: 'python-httpx', label: 'Python · httpx', language: 'python' },
  { id: 'curl', label: 'cURL', language: 'shell' },
  { id: 'javascript-fetch', label: 'JavaScript · fetch', language: 'javascript', snippet: ['javascript', 'fetch'] },
  { id: 'node-axios', label: 'Node.js · axios', language: 'javascript', snippet: ['node', 'axios'] },
  { id: 'go', label: 'Go · net/http', language: 'go', snippet: ['go', 'native'] },
  { id: 'java', label: 'Java · HttpClient', language: 'java', snippet: ['java', 'nethttp'] },
  { id: 'csharp', label: 'C# · HttpClient', language: 'csharp', snippet: ['csharp', 'httpclient'] },
  { id: 'php', label: 'PHP · Guzzle', language: 'php', snippet: ['php', 'guzzle'] },
  { id: 'ruby', label: 'Ruby · Net::HTTP', language: 'ruby', snippet: ['ruby', 'native'] },
  { id: 'rust', label: 'Rust · reqwest', language: 'rust', snippet: ['rust', 'reqwest'] },
  {
    id: 'powershell',
    label: 'PowerShell · Invoke-RestMethod',
    language: 'powershell',
    snippet: ['powershell', 'restmethod'],
  },
] as const

export type CodeTarget = (typeof CODE_TARGETS)[number]
export type CodeTargetId = CodeTarget['id']
export const CodeTargetIdSchema = z.enum(CODE_TARGETS.map((t) => t.id) as [CodeTargetId, ...CodeTargetId[]])

export function codeTarget(id: CodeTargetId): CodeTarget {
  return CODE_TARGETS.find((t) => t.id === id)!
}
