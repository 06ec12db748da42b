import type { MultipartPart } from '../../request-spec.js'
import type { CurlProblem } from './parse-curl.js'

/** `-F name=value;type=x;filename=y` (curl's form syntax; double quotes protect `;`). */
export function formPart(spec: string, literal: boolean, problems: CurlProblem[]): MultipartPart {
  const eq = spec.indexOf('=')
  const name = eq === -1 ? spec : spec.slice(0, eq)
  let rest = eq === -1 ? '' : spec.slice(eq + 1)
  if (literal) return { kind: 'text', name, value: rest, enabled: true, headers: [] }
  let value: string
  if (rest.startsWith('"')) {
    let i = 1
    value = ''
    for (; i < rest.length && rest[i] !== '"'; i++) value += rest[i] === '\\' ? rest[++i] : rest[i]
    rest = rest.slice(i + 1)
  } else {
    const semi = rest.indexOf(';')
    value = semi === -1 ? rest : rest.slice(0, semi)
    rest = semi === -1 ? '' : rest.slice(semi)
  }
  const attrs = new Map(
    rest
      .split(';')
      .filter(Boolean)
      .map(
        (a) =>
          [
            a.slice(0, a.indexOf('=')).trim().toLowerCase(),
            a
              .slice(a.indexOf('=') + 1)
              .trim()
              .replace(/^"|"$/g, ''),
          ] as const,
      ),
  )
  const contentType = attrs.get('type')
  const filename = attrs.get('filename')
  if (value.startsWith('@') || value.startsWith('<')) {
    // docs/security.md#what-a-send-carries: a path in a pasted command never reads a file on the Courier server.
    problems.push({
      what: `file part “${name}”`,
      reason: `It reads ${value.slice(1)} from disk; choose the file in the Body tab.`,
    })
    const fileName = filename ?? value.slice(1).split(/[\\/]/).pop() ?? ''
    return {
      kind: 'file',
      name,
      enabled: true,
      file: null,
      headers: [],
      ...(fileName ? { filename: fileName } : {}),
      ...(contentType ? { contentType } : {}),
    }
  }
  return {
    kind: 'text',
    name,
    value,
    enabled: true,
    headers: [],
    ...(filename ? { filename } : {}),
    ...(contentType ? { contentType } : {}),
  }
}
